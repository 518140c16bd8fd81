import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../logging/logger';
import { isTempFile } from './library-paths';

/** Something is watching a folder until closed. */
export interface FolderWatch {
  close(): void;
}

function ignored(filename: string): boolean {
  const segments = filename.split(/[\\/]/);
  const name = segments[segments.length - 1] ?? '';
  return segments.some((segment) => segment.startsWith('.')) || isTempFile(name) || name.endsWith('.part');
}

/**
 * Calls `onChange` (debounced) when files in the library change: a video dropped in from the file manager, a
 * sidecar edited by hand. Hidden folders, temp files and partial downloads are not changes worth a pass.
 */
export function watchLibraryFolder(root: string, onChange: () => void, logger?: Logger, debounceMs = 500, onFailure?: (error: unknown) => void): FolderWatch {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(root, { recursive: true, persistent: false }, (_event, filename) => {
      if (filename && ignored(filename.toString())) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
    });
    watcher.on('error', (error) => {
      logger?.warn('library: folder watch stopped; changes are picked up at the next start', { error });
      onFailure?.(error);
    });
  } catch (error) {
    logger?.warn('library: cannot watch the folder; changes are picked up at the next start', { error });
    onFailure?.(error);
  }
  return {
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
