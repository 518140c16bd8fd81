import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { HOST_TAG, processIsGone } from './process-gone';
import { syncPath } from './sync-path';

/**
 * Atomic writes whose temporary files name their writer: `<file>.<machine>-<pid>-<n>.reelbench-tmp`. A file killed
 * mid-write (a crash, a power cut, kill -9) leaves its temporary file behind; with the writer in the name, the next
 * Reelbench process clears it at once when that process is gone, and never one a live process is still writing.
 * write-file-atomic was used before: its temporary names (`<file>.<hash>`) do not say whose they are, so nothing could
 * tell a dead writer's leftover from a live one's work in progress.
 */
const SUFFIX = '.reelbench-tmp';
/** A temporary file older than this is cleared whoever wrote it: no write of a small file takes a minute. */
const DEFAULT_GRACE_MS = 60_000;

let writes = 0;
/** Writes of one file in this process, one after another, so the last one asked for is the one that stays. */
const queues = new Map<string, Promise<void>>();

/** A fresh temporary name for a write of `file` by this process. */
export function tempNameFor(file: string): string {
  writes += 1;
  return `${file}.${HOST_TAG}-${process.pid}-${writes}${SUFFIX}`;
}

/** The machine tag and process that wrote a temporary file, if its name says. */
export function tempWriter(name: string): { readonly host: string; readonly pid: number } | null {
  const match = /\.([0-9a-f]{8})-(\d+)(?:-\d+)?\.reelbench-tmp$/.exec(name);
  return match ? { host: match[1] ?? '', pid: Number(match[2]) } : null;
}

/**
 * Whether a temporary file (by its name and modification time) is a leftover to clear: its writer, named in it, is a
 * process of this machine that no longer exists, or it is older than the grace (another machine's, on a shared
 * folder; no write of a small file takes a minute). A null time (it could not be read) counts as young.
 */
export function tempIsAbandoned(
  name: string,
  modifiedMs: number | null,
  now: number,
  graceMs: number = DEFAULT_GRACE_MS,
): boolean {
  const writer = tempWriter(name);
  if (writer !== null && processIsGone(writer.host, writer.pid)) return true;
  return modifiedMs !== null && now - modifiedMs >= graceMs;
}

/**
 * Replaces `file` with `data` so that it holds either the old contents or the whole new ones, even after a power cut:
 * a temporary file beside it, written and synced, renamed over it, the folder synced.
 */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const key = path.resolve(file);
  const write = (queues.get(key) ?? Promise.resolve()).then(() => writeNow(file, data));
  const settled = write.catch(() => undefined);
  queues.set(key, settled);
  try {
    await write;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}

async function writeNow(file: string, data: string | Uint8Array): Promise<void> {
  const temp = tempNameFor(file);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncPath(path.dirname(file));
}

/** What {@link clearAbandonedTemps} looks at, and when a temporary file counts as abandoned whoever wrote it. */
export interface AbandonedTempsOptions {
  readonly now: number;
  readonly graceMs?: number;
}

/**
 * Removes the temporary files that writes of `files` left behind: at once when their writer is a process of this
 * machine that no longer exists, otherwise once they are older than the grace (another machine's, on a shared
 * folder). Also write-file-atomic's `<file>.<number>` of earlier versions, after the grace. Answers how many went.
 */
export async function clearAbandonedTemps(files: readonly string[], options: AbandonedTempsOptions): Promise<number> {
  const byFolder = new Map<string, Set<string>>();
  for (const file of files)
    byFolder.set(path.dirname(file), (byFolder.get(path.dirname(file)) ?? new Set()).add(path.basename(file)));
  let cleared = 0;
  for (const [folder, names] of byFolder) {
    const entries = await readdir(folder).catch(() => [] as string[]);
    for (const entry of entries) {
      const base = tempBase(entry);
      if (base === null || !names.has(base)) continue;
      const temp = path.join(folder, entry);
      const modified = await stat(temp).then(
        (stats) => stats.mtimeMs,
        () => null,
      );
      if (!tempIsAbandoned(entry, modified, options.now, options.graceMs)) continue;
      // One that cannot be removed (permissions, a read-only share) is left, as it was: nothing depends on it.
      if (
        await rm(temp, { force: true }).then(
          () => true,
          () => false,
        )
      )
        cleared += 1;
    }
  }
  return cleared;
}

/** The name a temporary file was written for (`settings.json` of `settings.json.<…>.reelbench-tmp`), or null. */
function tempBase(name: string): string | null {
  const ours = /^(.+)\.[0-9a-f]{8}-\d+(?:-\d+)?\.reelbench-tmp$/.exec(name);
  if (ours) return ours[1] ?? null;
  const theirs = /^(.+)\.\d+$/.exec(name);
  return theirs?.[1] ?? null;
}
