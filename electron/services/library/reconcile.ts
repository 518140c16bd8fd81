import { randomUUID } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LibraryProblem, ReconcileReport } from '../../../shared/library/library-models';
import type { Sidecar } from '../../../shared/library/sidecar';
import type { Catalog } from '../storage/catalog-db';
import type { CatalogRow } from '../storage/catalog-row';
import { rowFromSidecar } from './catalog-mapping';
import { sidecarFor } from './library-paths';
import { KEPT_ASIDE, scanFolder, type ScannedFile } from './scan-folder';
import { looksLikeVideo } from '../media/video-signature';
import { readSidecar, writeSidecar } from './sidecar-io';
import { tempIsAbandoned } from '../system/atomic-file';
import { sidecarForLoneVideo } from './sidecar-from-video';
import { catalogText } from '../../../shared/i18n/error-text';

/** What reconcile needs. */
export interface ReconcileDeps {
  readonly root: string;
  readonly catalog: Catalog;
  readonly appVersion: string;
  readonly now: () => Date;
  /** Ids that have a poster file, so the catalog's flags match the cache. */
  readonly posterIds: ReadonlySet<string>;
  /** Temp files younger than this may belong to a write in progress and are left alone. */
  readonly tempAgeMs?: number;
  /** Told the stems of the videos whose damaged sidecar is kept aside, so their cards can say so. */
  readonly onKeptAside?: (stems: readonly string[]) => void;
}

interface Candidate {
  readonly stem: string;
  readonly video: ScannedFile;
  sidecarFile: ScannedFile;
  sidecar: Sidecar | null;
  readonly known: boolean;
}

/**
 * Brings the catalog in line with the folder, which is the truth: new videos appear (with a sidecar written for
 * them if they have none), deleted ones disappear, edited sidecars are re-read, a video renamed without its sidecar
 * is re-paired by size, duplicated ids are split, damaged sidecars are reported and skipped, stray temp files from a
 * crash are removed. Unchanged files (same size and times) are not even opened.
 */
export async function reconcileLibrary(deps: ReconcileDeps): Promise<ReconcileReport> {
  const scan = await scanFolder(deps.root);
  const states = deps.catalog.fileStates();
  const problems: LibraryProblem[] = [];
  const now = deps.now();
  let cleaned = 0;

  for (const temp of scan.temps) {
    // A young temporary file may be a live writer's; one whose writer is known to be gone is cleared at once.
    if (!tempIsAbandoned(path.basename(temp.relative), temp.mtimeMs, now.getTime(), deps.tempAgeMs)) continue;
    await rm(temp.absolute, { force: true });
    cleaned += 1;
  }

  const keptAside = new Set(scan.keptAside.map((kept) => kept.relative.replace(KEPT_ASIDE, '')));
  for (const kept of scan.keptAside) {
    const flagged = catalogText('library.problem.damagedKept', {});
    problems.push({ path: kept.relative, message: flagged.message, text: flagged.text });
  }

  // A video renamed on its own leaves its sidecar behind: pair them again when exactly one new video has its size.
  const unclaimed = [...scan.videos].filter(([stem]) => !scan.sidecars.has(stem));
  for (const [stem, file] of [...scan.sidecars].filter(([orphanStem]) => !scan.videos.has(orphanStem))) {
    const read = await readSidecar(file.absolute);
    if (!read.ok) {
      problems.push({ path: file.relative, message: read.problem.message, text: read.problem.text });
      continue;
    }
    const matches = unclaimed.filter(([, video]) => video.size === read.sidecar.videoBytes);
    const match = matches.length === 1 ? matches[0] : undefined;
    if (!match) {
      const missing = catalogText('library.problem.videoMissing', { video: read.sidecar.video });
      problems.push({ path: file.relative, message: missing.message, text: missing.text });
      continue;
    }
    const [videoStem, video] = match;
    const moved = path.join(path.dirname(video.absolute), path.posix.basename(sidecarFor(videoStem)));
    await writeSidecar(moved, { ...read.sidecar, video: path.basename(video.absolute) });
    await rm(file.absolute, { force: true });
    scan.sidecars.delete(stem);
    scan.sidecars.set(videoStem, { relative: sidecarFor(videoStem), absolute: moved, size: 0, mtimeMs: Date.now() });
    unclaimed.splice(unclaimed.indexOf(match), 1);
  }

  const candidates: Candidate[] = [];
  for (const [stem, video] of [...scan.videos].sort(([a], [b]) => a.localeCompare(b))) {
    const sidecarFile = scan.sidecars.get(stem);
    const state = states.get(video.relative);
    if (
      sidecarFile &&
      state &&
      state.videoSize === video.size &&
      state.videoMtime === video.mtimeMs &&
      state.sidecarMtime === sidecarFile.mtimeMs
    ) {
      candidates.push({ stem, video, sidecarFile, sidecar: null, known: true });
      continue;
    }
    const read = sidecarFile ? await readSidecar(sidecarFile.absolute) : null;
    if (sidecarFile && read?.ok) {
      candidates.push({ stem, video, sidecarFile, sidecar: read.sidecar, known: state !== undefined });
      continue;
    }
    // Only a file that is a video is catalogued (and given a sidecar): random bytes named .mp4 are a problem.
    if (!(await looksLikeVideo(video.absolute))) {
      const notVideo = catalogText('library.problem.notAVideo', {});
      problems.push({ path: video.relative, message: notVideo.message, text: notVideo.text });
      continue;
    }
    if (sidecarFile && read && !read.ok) {
      // A typo in a JSON file must not hide a video: the damaged sidecar is kept, untouched, under a name the
      // library does not pair, and the video is listed again with a new one — flagged in the problems.
      const keptAs = `${path.posix.basename(stem)}.reelbench.damaged-${now.getTime()}.json`;
      await rename(sidecarFile.absolute, path.join(path.dirname(sidecarFile.absolute), keptAs));
      keptAside.add(stem);
      const setAside = catalogText('library.problem.sidecarSetAside', { name: keptAs });
      problems.push({
        path: sidecarFile.relative,
        message: `${read.problem.message} ${setAside.message}`,
        text: read.problem.text,
        moreText: setAside.text,
      });
    }
    // A video dropped in without a sidecar (or whose sidecar was set aside): described by its own record when
    // Reelbench made it (a lost sidecar comes back as it was), else from the file system.
    const absolute = path.join(path.dirname(video.absolute), path.posix.basename(sidecarFor(stem)));
    const sidecar = await sidecarForLoneVideo(
      { file: video.absolute, size: video.size, mtimeMs: video.mtimeMs, fallbackTitle: path.basename(stem) },
      deps.appVersion,
    );
    await writeSidecar(absolute, sidecar);
    candidates.push({
      stem,
      video,
      sidecarFile: { relative: sidecarFor(stem), absolute, size: 0, mtimeMs: 0 },
      sidecar,
      known: false,
    });
  }

  // Ids must be unique: a copied video+sidecar pair gets a new id for the copy (the first by path keeps its own).
  const seenIds = new Set<string>();
  const rows: CatalogRow[] = [];
  const unchanged = new Set<string>();
  for (const candidate of candidates) {
    if (candidate.sidecar === null) {
      const id = states.get(candidate.video.relative)?.id ?? '';
      if (!seenIds.has(id)) {
        seenIds.add(id);
        unchanged.add(candidate.video.relative);
        continue;
      }
      const read = await readSidecar(candidate.sidecarFile.absolute);
      if (!read.ok) continue;
      candidate.sidecar = read.sidecar;
    }
    let sidecar = candidate.sidecar;
    if (seenIds.has(sidecar.id)) {
      sidecar = { ...sidecar, id: randomUUID() };
      await writeSidecar(candidate.sidecarFile.absolute, sidecar);
    }
    seenIds.add(sidecar.id);
    const sidecarStat = await stat(candidate.sidecarFile.absolute);
    const sidecarFile = { ...candidate.sidecarFile, size: sidecarStat.size, mtimeMs: sidecarStat.mtimeMs };
    rows.push(rowFromSidecar(sidecar, candidate.video, sidecarFile, deps.posterIds.has(sidecar.id)));
  }

  let added = 0;
  let updated = 0;
  let removed = 0;
  const rewritten = new Set(rows.map((row) => row.videoPath));
  deps.catalog.transaction(() => {
    for (const [videoPath] of states) {
      if (unchanged.has(videoPath) || rewritten.has(videoPath)) continue;
      deps.catalog.removeByPath(videoPath);
      removed += 1;
    }
    for (const row of rows) {
      if (states.has(row.videoPath)) updated += 1;
      else added += 1;
      deps.catalog.upsert(row);
    }
  });
  deps.catalog.replaceProblems(problems);
  deps.catalog.syncPosters(deps.posterIds);
  deps.onKeptAside?.([...keptAside]);
  return { added, updated, removed, cleaned, problems };
}
