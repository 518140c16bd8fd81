import { create } from 'zustand';
import type { Draft } from '../../../shared/drafts/draft-models';
import { api, failureOf, unwrap } from '../../lib/bridge';
import { useWorkbenchStore } from './workbench-store';
import type { AppErrorData } from '../../../shared/errors';
import { useNoticesStore } from '../../lib/notices-store';

/** The drafts list beside the workbench: what is shown and the search. */
export interface DraftsStore {
  readonly search: string;
  readonly drafts: readonly Draft[];
  readonly error: AppErrorData | null;
  setSearch(search: string): void;
  /** Reads the list again (the search changed, the open draft was saved, an action ran). */
  load(): Promise<void>;
  open(id: string | null): Promise<void>;
  togglePin(draft: Draft): Promise<void>;
  duplicate(draft: Draft): Promise<void>;
  /** Deletes a draft, with an Undo notice. */
  remove(draft: Draft): Promise<void>;
  undoRemove(id: string): Promise<void>;
}

/** The drafts store: every call to the main process for the list is here, none in the components. */
export const useDraftsStore = create<DraftsStore>()((set, get) => {
  let loads = 0;
  /** Runs an action, then reads the list again; a failure is shown, never thrown at a click handler. */
  async function act(work: () => Promise<unknown>): Promise<void> {
    const failure = await failureOf(async () => {
      await work();
      await get().load();
    });
    if (failure) set({ error: failure });
  }
  return {
    search: '',
    drafts: [],
    error: null,
    setSearch(search) {
      set({ search });
      void get().load();
    },
    async load() {
      // Only the latest read is shown: a slow answer to an older search is dropped.
      const ticket = (loads += 1);
      const search = get().search.trim();
      let drafts: readonly Draft[] = get().drafts;
      const error = await failureOf(async () => {
        drafts = await unwrap(api().drafts.list(search ? { search } : {}));
      });
      if (ticket === loads) set({ drafts, error });
    },
    open: (id) => act(() => useWorkbenchStore.getState().openDraft(id)),
    togglePin: (draft) => act(() => unwrap(api().drafts.update({ id: draft.id, patch: { pinned: !draft.pinned } }))),
    duplicate: (draft) => act(() => unwrap(api().drafts.duplicate({ id: draft.id }))),
    remove: (draft) =>
      act(async () => {
        const deleted = await unwrap(api().drafts.remove({ id: draft.id }));
        useNoticesStore.getState().notify({
          text: { key: 'drafts.deleted' },
          undo: () => get().undoRemove(deleted.id),
          durationMs: 10_000,
          testId: 'draft-deleted',
          undoTestId: 'draft-undo',
        });
        if (draft.id === useWorkbenchStore.getState().draft?.id) await useWorkbenchStore.getState().openDraft(null);
      }),
    undoRemove: (id) => act(() => unwrap(api().drafts.undoRemove({ id }))),
  };
});
