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
 * Calls `onChange` (debounced) with the library-relative paths (`/`-separated; `''` when the OS did not say which)
 * that changed: a video dropped in from the file manager, a sidecar edited by hand. Hidden folders, temp files and
 * partial downloads are not changes worth a pass.
 */
export function watchLibraryFolder(
  root: string,
  onChange: (changed: readonly string[]) => void,
  logger?: Logger,
  debounceMs = 500,
  onFailure?: (error: unknown) => void,
): FolderWatch {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  let changed = new Set<string>();
  const flush = () => {
    const batch = [...changed];
    changed = new Set();
    onChange(batch);
  };
  try {
    watcher = watch(root, { recursive: true, persistent: false }, (_event, filename) => {
      const name = filename ? filename.toString() : '';
      if (name && ignored(name)) return;
      changed.add(name.split(/[\\/]/).join('/'));
      clearTimeout(timer);
      timer = setTimeout(flush, debounceMs);
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
