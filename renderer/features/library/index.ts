// The video library: what the rest of the window may use of this feature (nothing else of it).
export { useLibraryStore } from './library-store';
export { LibraryView } from './library-view';
export { usePosterBackfill } from './use-poster-backfill';
