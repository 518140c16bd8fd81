import { useEffect } from 'react';
import { api, listen, unwrap } from '../../lib/bridge';
import { capturePoster } from './capture-poster';
import { useLibraryStore } from './library-store';

const BATCH = 8;

/**
 * While the app runs, gives every library item a poster: at start-up and whenever the library changes, asks for
 * items without one, captures a frame for each (one at a time, so a large library does not stall the window) and
 * hands it to the main process. A video that cannot be decoded is skipped, not retried in a loop.
 */
export function usePosterBackfill(): void {
  useEffect(() => {
    let cancelled = false;
    let running = false;
    let again = false;
    const failed = new Set<string>();

    async function backfill(): Promise<void> {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const missing = (await unwrap(api().library.postersMissing({ limit: BATCH + failed.size }))).filter(
            (item) => !failed.has(item.id),
          );
          for (const item of missing.slice(0, BATCH)) {
            if (cancelled) return;
            try {
              await unwrap(api().library.savePoster({ id: item.id, image: await capturePoster(item.videoUrl) }));
              void useLibraryStore.getState().refreshItem(item.id);
            } catch {
              failed.add(item.id);
            }
          }
          if (missing.length > BATCH) again = true;
        } while (again && !cancelled);
      } catch {
        // The library is not available (yet): the next change event tries again.
      } finally {
        running = false;
      }
    }

    const stop = listen((bridge) => [
      bridge.library.onChanged(() => void backfill()),
      // A video just filed has no poster yet.
      bridge.library.onItem((event) => void (event.kind === 'added' ? backfill() : undefined)),
    ]);
    if (!stop) return undefined;
    void backfill();
    return () => {
      cancelled = true;
      stop();
    };
  }, []);
}
