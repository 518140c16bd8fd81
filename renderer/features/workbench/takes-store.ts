import { create } from 'zustand';
import type { Job } from '../../../shared/jobs/job-models';
import type { LibraryItem } from '../../../shared/library/library-models';
import { api, unwrap } from '../../lib/bridge';
import { lastFrameOf } from '../../lib/last-frame';
import { useNoticesStore } from '../../lib/notices-store';
import { useDraftsStore } from './drafts-store';
import { useWorkbenchStore } from './workbench-store';

/** The most variations "Vary" makes at once. */
export const MAX_VARIATIONS = 4;

/** The open draft's takes beside the prompt: the videos they filed, which one plays, and what can be done with one. */
export interface TakesStore {
  /** Filed videos by library item id, read when their take is shown. */
  readonly items: ReadonlyMap<string, LibraryItem>;
  /** The job whose video plays in place. */
  readonly playing: string | null;
  readonly varyCount: number;
  /** The job whose last frame is being taken for a new draft. */
  readonly continuing: string | null;
  loadItem(itemId: string): Promise<void>;
  play(jobId: string | null): void;
  setVaryCount(count: number): void;
  /** The draft again, `varyCount` times, each with a seed of its own (billed). */
  vary(): Promise<void>;
  toggleFavorite(itemId: string): Promise<void>;
  reveal(itemId: string): Promise<void>;
  /** A new draft with the same prompt and settings whose first frame is this take's exact last frame. */
  continueFrom(job: Job): Promise<void>;
}

/** The takes store: its calls to the main process are here, none in the components. */
export const useTakesStore = create<TakesStore>()((set, get) => {
  const fail = (error: unknown) => useNoticesStore.getState().fail(error, 'takes-notice');
  const keep = (item: LibraryItem) => set({ items: new Map(get().items).set(item.id, item) });
  return {
    items: new Map(),
    playing: null,
    varyCount: 3,
    continuing: null,
    async loadItem(itemId) {
      if (get().items.has(itemId)) return;
      try {
        keep(await unwrap(api().library.get({ id: itemId })));
      } catch {
        // A take whose video is gone from the library shows its status alone.
      }
    },
    play: (jobId) => set({ playing: jobId }),
    setVaryCount: (count) => set({ varyCount: Math.max(1, Math.min(MAX_VARIATIONS, Math.round(count))) }),
    async vary() {
      const workbench = useWorkbenchStore.getState();
      const draft = workbench.draft;
      if (!draft) return;
      try {
        await workbench.flush();
        const jobs = await unwrap(
          api().drafts.runBatch({ id: draft.id, spec: { mode: 'variations', count: get().varyCount } }),
        );
        useNoticesStore.getState().notify({
          text: { message: { key: 'takes.varied', params: { count: jobs.length } } },
          testId: 'takes-notice',
        });
      } catch (error) {
        fail(error);
      }
    },
    async toggleFavorite(itemId) {
      const item = get().items.get(itemId);
      if (!item) return;
      try {
        keep(await unwrap(api().library.update({ id: itemId, patch: { favorite: !item.favorite } })));
      } catch (error) {
        fail(error);
      }
    },
    async reveal(itemId) {
      try {
        await unwrap(api().library.reveal({ id: itemId }));
      } catch (error) {
        fail(error);
      }
    },
    async continueFrom(job) {
      const item = job.libraryItemId ? get().items.get(job.libraryItemId) : undefined;
      if (!item) return;
      set({ continuing: job.id });
      try {
        const frame = await lastFrameOf(item.videoUrl);
        const { request } = job;
        const next = await unwrap(api().drafts.create({ prompt: '', model: request.model, params: request.params }));
        await useWorkbenchStore.getState().openDraft(next.id);
        await useWorkbenchStore.getState().attachData('first', frame);
        await useDraftsStore.getState().load();
      } catch (error) {
        fail(error);
      } finally {
        set({ continuing: null });
      }
    },
  };
});
