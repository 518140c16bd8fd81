import { access, copyFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { syncPath } from '../system/sync-path';

/**
 * Copies to a temporary name beside the target, syncs it, then renames: the target is never half written, and after a
 * power cut it holds either the old file or the whole new one.
 */
export async function copyAtomically(source: string, target: string): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.reelbench-tmp`);
  await copyFile(source, temporary);
  await syncPath(temporary);
  await rename(temporary, target);
  await syncPath(path.dirname(target)).catch(() => undefined);
}

/** Moves a file; across devices (where rename cannot) it copies, then removes the source. */
export async function moveFile(source: string, target: string): Promise<void> {
  try {
    await rename(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    // The copy is synced to the other disk before the only other copy goes.
    await copyAtomically(source, target);
    await rm(source, { force: true });
  }
}

/** `name.ext` → the first of `name.ext`, `name (2).ext`, … that does not exist yet (checked with `exists`). */
export async function uniqueName(
  directory: string,
  stem: string,
  extension: string,
  exists: (file: string) => Promise<boolean>,
): Promise<string> {
  for (let attempt = 1; attempt < 10_000; attempt += 1) {
    const candidate = attempt === 1 ? stem : `${stem} (${attempt})`;
    if (!(await exists(path.join(directory, `${candidate}${extension}`)))) return candidate;
  }
  throw new Error(`no free file name for ${stem}${extension}`);
}

/** Whether a path exists. */
export async function pathExists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
