import path from 'node:path';
import { appError } from '../../../shared/i18n/error-text';
import { isRealFileInside } from '../library/real-file';

/**
 * Which image files the window may name. Files enter only through main's own doors — the file picker, a drop or a
 * paste (bytes imported into the cache) — and a draft's own copies; any other path from the window (a key file, a
 * network share whose UNC path would make main connect out) is refused before anything reads it.
 */
export interface ImageGrants {
  /** Remembers a file the user chose through main's own picker. */
  grant(file: string): void;
  /** Throws a clear refusal unless the window may name `file`. */
  check(file: string): void;
}

/** The grants of one process; `ownFolders` are folders main itself writes images to (the cache, drafts' copies). */
export function createImageGrants(ownFolders: readonly string[]): ImageGrants {
  const granted = new Set<string>();
  const allowed = (file: string): boolean => {
    // \\server\share and \\?\ paths: never followed, whatever the platform.
    if (file.startsWith('\\\\') || file.startsWith('//')) return false;
    const resolved = path.resolve(file);
    return granted.has(resolved) || ownFolders.some((folder) => isRealFileInside(resolved, folder));
  };
  return {
    grant: (file) => void granted.add(path.resolve(file)),
    check(file) {
      if (!allowed(file)) throw appError('invalidInput', 'error.image.notGranted', { file: path.basename(file) });
    },
  };
}
