import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SIDECAR_SUFFIX } from '../../../shared/library/sidecar';
import { isTempFile, isVideo, stemOfSidecar, stemOfVideo, toRelative } from './library-paths';

/** A file found in the library. */
export interface ScannedFile {
  readonly relative: string;
  readonly absolute: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** Everything relevant in the library folder, paired by stem. */
export interface FolderScan {
  readonly videos: Map<string, ScannedFile>;
  readonly sidecars: Map<string, ScannedFile>;
  readonly temps: ScannedFile[];
  /** Damaged sidecars Reelbench kept aside (`x.reelbench.damaged-<time>.json`): flagged until the user deals with them. */
  readonly keptAside: ScannedFile[];
}

/** A damaged sidecar kept aside by reconcile. */
export const KEPT_ASIDE = /\.reelbench\.damaged-\d+\.json$/;

const STAT_CONCURRENCY = 64;

/** Walks the library (hidden folders such as `.reelbench-move` and `.git` are skipped) and stats what matters. */
export async function scanFolder(root: string): Promise<FolderScan> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const wanted = entries.filter((entry) => {
    if (!entry.isFile()) return false;
    const relative = toRelative(root, path.join(entry.parentPath, entry.name));
    if (relative.split('/').some((segment) => segment.startsWith('.'))) return false;
    return (
      isVideo(entry.name) ||
      entry.name.endsWith(SIDECAR_SUFFIX) ||
      isTempFile(entry.name) ||
      KEPT_ASIDE.test(entry.name)
    );
  });

  const files: ScannedFile[] = [];
  // Stryker disable next-line EqualityOperator: one more turn stats an empty batch
  for (let index = 0; index < wanted.length; index += STAT_CONCURRENCY) {
    const batch = wanted.slice(index, index + STAT_CONCURRENCY);
    const stats = await Promise.all(
      batch.map(async (entry) => {
        const absolute = path.join(entry.parentPath, entry.name);
        try {
          const info = await stat(absolute);
          return { relative: toRelative(root, absolute), absolute, size: info.size, mtimeMs: info.mtimeMs };
          // Stryker disable next-line BlockStatement: reached only by a file deleted between the listing and its stat
        } catch {
          return null; // Gone between the listing and the stat: the next pass will see.
        }
      }),
    );
    // Stryker disable next-line ConditionalExpression: null only for a file deleted between the listing and its stat
    for (const file of stats) if (file) files.push(file);
  }

  const scan: FolderScan = { videos: new Map(), sidecars: new Map(), temps: [], keptAside: [] };
  for (const file of files) {
    const name = path.posix.basename(file.relative);
    if (isTempFile(name)) scan.temps.push(file);
    else if (KEPT_ASIDE.test(name)) scan.keptAside.push(file);
    else if (isVideo(name)) scan.videos.set(stemOfVideo(file.relative), file);
    else scan.sidecars.set(stemOfSidecar(file.relative), file);
  }
  return scan;
}
