import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors';
import type { RecastPlan, RecastSuggestions } from '../../../shared/boards/recast-models';
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
  choose(model: string, resolution?: ResolutionClass | null): Promise<void>;
  /** Asks for "cheapest that fits" and "best quality within the budget". */
  suggest(budget: number | null): Promise<void>;
  toggle(shotId: string): void;
  /** Moves the confirmed shots onto the model and queues one new take of each (billed); old takes stay. */
  apply(): Promise<void>;
}

/** A whole-board target, raised to a sharpness when a suggestion asked for one. */
const targetOf = (model: string, resolution: ResolutionClass | null) =>
  resolution === null ? { model } : { model, resolution };

/** The recast store. */
export const useRecastStore = create<RecastStore>()((set, get) => {
  let asked = 0;
  return {
    open: false,
    model: null,
    plan: null,
    loading: false,
    confirmed: new Set(),
    error: null,
    resolution: null,
    suggestions: null,
    budget: null,
    show(open) {
      asked += 1;
      set({ open, model: null, plan: null, loading: false, confirmed: new Set(), error: null, resolution: null });
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
    async choose(model, resolution = null) {
      const board = useBoardsStore.getState().board;
      if (!board) return;
      const ask = (asked += 1);
      set({ model, resolution, loading: true, error: null });
      let plan: RecastPlan | null = null;
      const failure = await failureOf(async () => {
        await useBoardsStore.getState().flush();
        plan = await unwrap(api().boards.recastPlan({ id: board.id, target: targetOf(model, resolution) }));
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
      const { model, confirmed, resolution } = get();
      if (!model || confirmed.size === 0) return;
      const shotIds = [...confirmed];
      const done = await useBoardsStore.getState().apply(async (board) => {
        const target = targetOf(model, resolution);
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
