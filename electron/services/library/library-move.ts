import { mkdir, readdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { liesInside } from '../security/lies-inside';
import { writeFileAtomically } from '../system/atomic-file';
import { z } from 'zod';
import { moveFile } from './file-moves';
import { isTempFile } from './library-paths';
import { appError } from '../../../shared/i18n/error-text';

const journalSchema = z.object({ from: z.string(), to: z.string(), startedAt: z.string() });

/** A move in progress, as recorded before the first file moves. */
export type MoveJournal = z.infer<typeof journalSchema>;

/** Progress of a move. */
export interface MoveProgress {
  readonly done: number;
  readonly total: number;
}

/** How a move runs. */
export interface MoveOptions {
  readonly journalFile: string;
  readonly onProgress?: (progress: MoveProgress) => void;
  /** Called before each file; tests use it to interrupt a move part-way. */
  readonly beforeFile?: (index: number) => void;
}

const inside = (child: string, parent: string) => path.relative(parent, child) === '' || liesInside(parent, child);

async function sizeOrNull(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch {
    return null;
  }
}

async function filesUnder(root: string): Promise<string[]> {
  try {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && !isTempFile(entry.name))
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
  } catch {
    return [];
  }
}

async function removeEmptyFolders(root: string): Promise<void> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) if (entry.isDirectory()) await removeEmptyFolders(path.join(root, entry.name));
  await rmdir(root).catch(() => undefined); // Not empty (the user's own files, or temp files): left in place.
}

/** The move recorded in the journal, if one was interrupted. */
export async function pendingMove(journalFile: string): Promise<MoveJournal | null> {
  try {
    const parsed = journalSchema.safeParse(JSON.parse(await readFile(journalFile, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Moves every file of the library to a new folder, one at a time (rename on the same disk, copy-verify-delete
 * across disks), recording the move in a journal first so an interruption — a crash, a full disk, a pulled cable —
 * is resumed by calling this again, never half-forgotten. A file already at the destination with the same size is
 * treated as moved. The journal is removed only when every file has arrived.
 */
export async function moveLibraryFiles(from: string, to: string, options: MoveOptions): Promise<MoveProgress> {
  const source = path.resolve(from);
  const target = path.resolve(to);
  if (source === target) throw appError('invalidInput', 'error.library.sameFolder');
  if (inside(target, source) || inside(source, target)) {
    throw appError('invalidInput', 'error.library.nested');
  }
  const journal = await pendingMove(options.journalFile);
  const resuming = journal !== null && path.resolve(journal.from) === source && path.resolve(journal.to) === target;
  if (!resuming && (await filesUnder(target)).length > 0) {
    throw appError('invalidInput', 'error.library.notEmpty', { folder: target });
  }
  if (!resuming) {
    await mkdir(path.dirname(options.journalFile), { recursive: true });
    await writeFileAtomically(
      options.journalFile,
      JSON.stringify({ from: source, to: target, startedAt: new Date().toISOString() }),
    );
  }

  const files = await filesUnder(source);
  let done = 0;
  for (const [index, relative] of files.entries()) {
    options.beforeFile?.(index);
    const sourceFile = path.join(source, relative);
    const targetFile = path.join(target, relative);
    await mkdir(path.dirname(targetFile), { recursive: true });
    const [sourceSize, targetSize] = await Promise.all([sizeOrNull(sourceFile), sizeOrNull(targetFile)]);
    if (sourceSize !== null) {
      if (targetSize === sourceSize)
        await rm(sourceFile, { force: true }); // it arrived before the interruption
      else await moveFile(sourceFile, targetFile);
      if ((await sizeOrNull(targetFile)) !== sourceSize)
        throw appError('internal', 'error.library.moveIncomplete', { file: relative });
    }
    done += 1;
    options.onProgress?.({ done, total: files.length });
  }
  await removeEmptyFolders(source);
  await rm(options.journalFile, { force: true });
  return { done, total: files.length };
}
