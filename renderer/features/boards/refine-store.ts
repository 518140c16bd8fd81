import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors';
import type { RefineOutcome } from '../../../shared/script/script-models';
import { applyChanges, changesOf, type ChangeRun } from '../../../shared/script/refine-changes';
import { api, failureOf, unwrap } from '../../lib/bridge';
import { useBoardsStore } from './boards-store';
import { useScriptStore } from './script-store';

/** "Refine for this model": the rewrite of one shot's prompt, reviewed change by change before anything changes. */
export interface RefineStore {
  readonly shotId: string | null;
  readonly boardId: string | null;
  /** Waiting for the user's yes, with the chat model and what it costs at most shown. */
  readonly asking: boolean;
  readonly running: boolean;
  readonly outcome: RefineOutcome | null;
  readonly runs: readonly ChangeRun[];
  /** Indexes (among the changes) the user keeps; all of them at first. */
  readonly accepted: ReadonlySet<number>;
  readonly error: AppErrorData | null;
  /** Opens the panel for a shot: the chat model and the cost, nothing sent yet. */
  ask(boardId: string, shotId: string): Promise<void>;
  /** Sends the request the panel showed. */
  refine(): Promise<void>;
  toggle(change: number): void;
  /** Writes the prompt with the accepted changes into the shot. */
  apply(): void;
  discard(): void;
}

/** The refine store. */
export const useRefineStore = create<RefineStore>()((set, get) => {
  let requestId: string | null = null;
  return {
    shotId: null,
    boardId: null,
    asking: false,
    running: false,
    outcome: null,
    runs: [],
    accepted: new Set(),
    error: null,
    async ask(boardId, shotId) {
      if (requestId) void unwrap(api().script.cancel({ requestId })).catch(() => undefined);
      requestId = null;
      set({ boardId, shotId, asking: true, running: false, outcome: null, runs: [], error: null });
      await useScriptStore.getState().loadChatModels();
    },
    async refine() {
      const { boardId, shotId } = get();
      const chatModel = useScriptStore.getState().chatModel;
      if (!boardId || !shotId || !chatModel) return;
      const id = crypto.randomUUID();
      requestId = id;
      set({ asking: false, running: true, outcome: null, runs: [], error: null });
      const failure = await failureOf(async () => {
        await useBoardsStore.getState().flush();
        const outcome = await unwrap(api().script.refine({ requestId: id, boardId, shotId, chatModel }));
        if (requestId !== id) return;
        const runs = changesOf(outcome.diff);
        const count = runs.filter((run) => run.kind === 'change').length;
        set({ outcome, runs, accepted: new Set(Array.from({ length: count }, (_, index) => index)) });
      });
      if (requestId !== id) return;
      set({ running: false, ...(failure && failure.code !== 'cancelled' ? { error: failure } : {}) });
    },
    toggle(change) {
      const accepted = new Set(get().accepted);
      if (accepted.has(change)) accepted.delete(change);
      else accepted.add(change);
      set({ accepted });
    },
    apply() {
      const { shotId, runs, accepted, outcome } = get();
      if (!shotId || !outcome) return;
      useBoardsStore.getState().editShot(shotId, { prompt: applyChanges(runs, accepted) });
      get().discard();
    },
    discard() {
      if (requestId) void unwrap(api().script.cancel({ requestId })).catch(() => undefined);
      requestId = null;
      set({ shotId: null, boardId: null, asking: false, running: false, outcome: null, runs: [], error: null });
    },
  };
});
