import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors';
import type { RecastPlan, RecastSuggestions, RecastTarget } from '../../../shared/boards/recast-models';
import type { ResolutionClass } from '../../../shared/intent/intent-models';
import { api, failureOf, unwrap } from '../../lib/bridge';
import { useNoticesStore } from '../../lib/notices-store';
import { useBoardsStore } from './boards-store';

/** "Recast onto…": the side-by-side table for a model, the shots ticked to move, and applying it. */
export interface RecastStore {
  readonly open: boolean;
  readonly model: string | null;
  readonly plan: RecastPlan | null;
  readonly loading: boolean;
  /** Shots the creator confirmed (those that can be made on the new model and change, at first). */
  readonly confirmed: ReadonlySet<string>;
  readonly error: AppErrorData | null;
  /** The sharpness the chosen suggestion raises every shot to (null: each keeps its own). */
  readonly resolution: ResolutionClass | null;
  readonly suggestions: RecastSuggestions | null;
  /** The budget "best quality within" is chosen for (null: any). */
  readonly budget: number | null;
  show(open: boolean): void;
  /** Asks main for the table on this model (pending edits saved first); nothing changes. */
  choose(model: string, resolution?: ResolutionClass | null, fresh?: boolean): Promise<void>;
  /** Asks for "cheapest that fits" and "best quality within the budget". */
  suggest(budget: number | null): Promise<void>;
  /** Models chosen for single shots, over the board's model. */
  readonly perShot: ReadonlyMap<string, string>;
  /** Puts one shot on a model of its own (the others stay on the chosen one) and shows the table again. */
  chooseFor(shotId: string, model: string): Promise<void>;
  toggle(shotId: string): void;
  /** Moves the confirmed shots onto the model and queues one new take of each (billed); old takes stay. */
  apply(): Promise<void>;
}

/**
 * What main is asked for: the board's model (raised to a sharpness when a suggestion asked for one), or, once a shot
 * has a model of its own, a model per shot.
 */
function targetOf(
  model: string,
  resolution: ResolutionClass | null,
  perShot: ReadonlyMap<string, string>,
): RecastTarget {
  const board = useBoardsStore.getState().board;
  if (perShot.size === 0 || !board) return resolution === null ? { model } : { model, resolution };
  return { perShot: Object.fromEntries(board.shots.map((shot) => [shot.id, perShot.get(shot.id) ?? model])) };
}

/** The recast store. */
export const useRecastStore = create<RecastStore>()((set, get) => {
  let asked = 0;
  /** A table not yet asked for: what opening and closing the dialog starts from. */
  const blank = () => ({
    model: null,
    plan: null,
    loading: false,
    confirmed: new Set<string>(),
    error: null,
    resolution: null,
    perShot: new Map<string, string>(),
  });
  return {
    open: false,
    ...blank(),
    suggestions: null,
    budget: null,
    show(open) {
      asked += 1;
      set({ open, ...blank() });
      if (open) void get().suggest(get().budget);
    },
    async suggest(budget) {
      const board = useBoardsStore.getState().board;
      if (!board) return;
      set({ budget });
      const failure = await failureOf(async () => {
        await useBoardsStore.getState().flush();
        const suggestions = await unwrap(api().boards.recastSuggestions({ id: board.id, budget }));
        if (get().budget === budget) set({ suggestions });
      });
      if (failure) set({ error: failure });
    },
    async chooseFor(shotId, model) {
      const board = useBoardsStore.getState().board;
      const chosen = get().model ?? board?.shots[0]?.model;
      if (!chosen) return;
      set({ perShot: new Map(get().perShot).set(shotId, model) });
      await get().choose(chosen, null, false);
    },
    async choose(model, resolution = null, fresh = true) {
      const board = useBoardsStore.getState().board;
      if (!board) return;
      const ask = (asked += 1);
      // A model for the whole board starts over; a shot's own model keeps the others'.
      if (fresh) set({ perShot: new Map() });
      set({ model, resolution, loading: true, error: null });
      let plan: RecastPlan | null = null;
      const target = targetOf(model, resolution, get().perShot);
      const failure = await failureOf(async () => {
        await useBoardsStore.getState().flush();
        plan = await unwrap(api().boards.recastPlan({ id: board.id, target }));
      });
      if (ask !== asked) return;
      const made = plan as RecastPlan | null;
      const confirmed = new Set(
        (made?.rows ?? [])
          .filter(
            (row) =>
              row.after !== null &&
              row.blocked === null &&
              (row.after.model !== row.before.model || row.changes.length > 0),
          )
          .map((row) => row.shotId),
      );
      set({ plan: made, loading: false, confirmed, error: failure });
    },
    toggle(shotId) {
      const confirmed = new Set(get().confirmed);
      if (confirmed.has(shotId)) confirmed.delete(shotId);
      else confirmed.add(shotId);
      set({ confirmed });
    },
    async apply() {
      const { model, confirmed, resolution, perShot } = get();
      if (!model || confirmed.size === 0) return;
      const shotIds = [...confirmed];
      const done = await useBoardsStore.getState().apply(async (board) => {
        const target = targetOf(model, resolution, perShot);
        const answer = await unwrap(api().boards.recast({ id: board.id, target, shotIds }));
        return answer.board;
      });
      if (!done) return;
      get().show(false);
      useNoticesStore.getState().notify({
        text: { message: { key: 'boards.recast.queued', params: { count: shotIds.length } } },
        testId: 'board-notice',
      });
    },
  };
});
