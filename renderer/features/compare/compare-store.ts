import { create } from 'zustand';
import type { LibraryComparison } from '../../../shared/library/library-models';
import { api, unwrap } from '../../lib/bridge';
import { useNoticesStore } from '../../lib/notices-store';

/** At most this many videos side by side. */
export const COMPARE_AT_MOST = 4;

/** Videos picked for comparison, and the comparison on screen. */
export interface CompareStore {
  readonly picked: readonly string[];
  readonly comparison: LibraryComparison | null;
  /** Adds a video to the picked ones (the oldest pick gives way past four), or takes it out. */
  toggle(id: string): void;
  clear(): void;
  /** Compares these videos (or the picked ones). */
  open(ids?: readonly string[]): Promise<void>;
  close(): void;
}

/** The compare store. */
export const useCompareStore = create<CompareStore>()((set, get) => ({
  picked: [],
  comparison: null,
  toggle(id) {
    const picked = get().picked;
    set({
      picked: picked.includes(id) ? picked.filter((other) => other !== id) : [...picked, id].slice(-COMPARE_AT_MOST),
    });
  },
  clear: () => set({ picked: [] }),
  async open(ids) {
    const chosen = [...(ids ?? get().picked)].slice(0, COMPARE_AT_MOST);
    if (chosen.length < 2) return;
    try {
      set({ comparison: await unwrap(api().library.compare({ ids: chosen })) });
    } catch (error) {
      useNoticesStore.getState().fail(error, 'compare-notice');
    }
  },
  close: () => set({ comparison: null }),
}));
