import { referencePathOf } from './catalog-mapping';
import { realFileInside } from './real-file';
import { randomUUID } from 'node:crypto';
import { itemIdForJob } from './item-identity';
import { sidecarForLoneVideo } from './sidecar-from-video';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Generation, Sidecar } from '../../../shared/library/sidecar';
import { generationSchema, SIDECAR_SUFFIX } from '../../../shared/library/sidecar';
import { copyAtomically, moveFile, pathExists, uniqueName } from './file-moves';
import { fileStemFor, isVideo, referenceNameFor } from './library-paths';
import { newSidecar, readSidecar, writeSidecar } from './sidecar-io';

/** A finished video to file into the library (the pipeline's last step). */
export interface AddVideoInput {
  /** The downloaded file; moved (not copied) into place, atomically when on the same disk. */
  readonly videoFile: string;
  readonly title?: string | undefined;
  /** How it was made; `params` and `cost` may be left out (a Sora-era caller's fields become the params). */
  readonly generation:
    (Omit<Generation, 'referenceImage' | 'params' | 'cost'> & Partial<Pick<Generation, 'params' | 'cost'>>) | null;
  /** Fields the sidecar carries beside the standard ones (an exported sequence's shots and takes). */
  readonly extra?: Readonly<Record<string, unknown>> | undefined;
  /** The prepared reference image, copied beside the video. */
  readonly referenceImage?: string | undefined;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
}

/** Where a video's files go under `stem`. */
function placeNamed(root: string, stem: string): { stem: string; video: string; sidecar: string } {
  return { stem, video: path.join(root, `${stem}.mp4`), sidecar: path.join(root, `${stem}${SIDECAR_SUFFIX}`) };
}

/** Where a new video's files go, with names free in the folder. */
async function placeFor(
  root: string,
  title: string,
  date: Date,
): Promise<{ stem: string; video: string; sidecar: string }> {
  const stem = await uniqueName(
    root,
    fileStemFor(title, date),
    '.mp4',
    async (file) => (await pathExists(file)) || (await pathExists(file.replace(/\.mp4$/, SIDECAR_SUFFIX))),
  );
  return placeNamed(root, stem);
}

/** The title a generated video is filed under when it was given none: the prompt's first words. */
export function generatedTitle(input: Pick<AddVideoInput, 'title' | 'generation'>): string {
  return input.title?.trim() || input.generation?.prompt.split(/\s+/).slice(0, 8).join(' ') || 'Untitled';
}

/** A name (without extension) free in the library for a new video: what `fileGeneratedVideo` is then asked to use. */
export async function freeNameFor(
  root: string,
  input: Pick<AddVideoInput, 'title' | 'generation' | 'createdAt'>,
): Promise<string> {
  return (await placeFor(root, generatedTitle(input), input.createdAt)).stem;
}

/** Why filing under a chosen name cannot go on. */
export class FilingError extends Error {
  readonly reason: 'nameTaken' | 'noVideo';

  constructor(reason: 'nameTaken' | 'noVideo', message: string) {
    super(message);
    this.name = 'FilingError';
    this.reason = reason;
  }
}

/**
 * Files a generated video under `stem`, and can be repeated after a crash at any point: the sidecar (naming the job)
 * is written first and claims the name, then the download is moved in beside it. A second run finds its own
 * sidecar and finishes what is missing; it never makes a second copy. A name another video took meanwhile is refused
 * (`nameTaken`: choose another); a download that is neither in place nor waiting is `noVideo` (download again).
 */
export async function fileGeneratedVideo(
  root: string,
  stem: string,
  input: AddVideoInput,
  appVersion: string,
): Promise<string> {
  const place = placeNamed(root, stem);
  const jobId = input.generation?.jobId ?? null;
  const existing = (await pathExists(place.sidecar)) ? await readSidecar(place.sidecar) : null;
  const ours = existing?.ok === true && jobId !== null && existing.sidecar.generation?.jobId === jobId;
  if (!ours && (existing !== null || (await pathExists(place.video))))
    throw new FilingError('nameTaken', `"${stem}" is taken`);
  const downloaded = await pathExists(input.videoFile);
  if (!downloaded && !(ours && (await pathExists(place.video))))
    throw new FilingError('noVideo', `the video of job ${jobId ?? ''} is neither downloaded nor filed`);

  let referenceImage: string | null = null;
  if (input.referenceImage)
    referenceImage = referenceNameFor(place.stem, path.extname(input.referenceImage).slice(1) || 'jpg');
  if (!ours) {
    const { size } = await stat(input.videoFile);
    await writeSidecar(place.sidecar, {
      ...input.extra,
      ...newSidecar({
        id: jobId === null ? randomUUID() : itemIdForJob(jobId),
        video: path.basename(place.video),
        videoBytes: size,
        title: generatedTitle(input),
        createdAt: input.createdAt,
        completedAt: input.completedAt,
        generation: input.generation ? generationSchema.parse({ ...input.generation, referenceImage }) : null,
        appVersion,
      }),
    });
  }
  if (input.referenceImage && referenceImage && !(await pathExists(path.join(root, referenceImage)))) {
    await copyAtomically(input.referenceImage, path.join(root, referenceImage));
  }
  if (downloaded) await moveFile(input.videoFile, place.video);
  return place.sidecar;
}

/** What an import did. */
export interface ImportReport {
  readonly imported: number;
  readonly skipped: { readonly file: string; readonly reason: string }[];
}

/**
 * Copies every .mp4 of a folder (and its subfolders) into the library, with its sidecar and reference image when it
 * has them (keeping the user's fields), or a new sidecar when not. Items already in the library are skipped.
 */
export async function importVideos(
  root: string,
  folder: string,
  knownIds: (id: string) => boolean,
  appVersion: string,
): Promise<ImportReport> {
  const resolvedRoot = path.resolve(root);
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const skipped: { file: string; reason: string }[] = [];
  let imported = 0;
  // Links are not files here (a Dirent of a link is not `isFile()`): nothing is followed out of the folder.
  for (const entry of entries.filter((candidate) => candidate.isFile() && isVideo(candidate.name))) {
    const source = path.join(entry.parentPath, entry.name);
    if (path.resolve(source).startsWith(resolvedRoot + path.sep)) {
      skipped.push({ file: source, reason: 'It is already inside the library folder.' });
      continue;
    }
    const sourceStem = source.replace(/\.mp4$/i, '');
    const read = (await realFileInside(`${sourceStem}${SIDECAR_SUFFIX}`, folder))
      ? await readSidecar(`${sourceStem}${SIDECAR_SUFFIX}`)
      : null;
    if (read && !read.ok) {
      skipped.push({ file: source, reason: read.problem.message });
      continue;
    }
    if (read?.ok && knownIds(read.sidecar.id)) {
      skipped.push({ file: source, reason: 'It is already in the library.' });
      continue;
    }
    const { size, mtimeMs } = await stat(source);
    const existing: Sidecar | null = read?.ok ? read.sidecar : null;
    const title = existing?.user.title || path.basename(sourceStem);
    const place = await placeFor(root, title, new Date(existing?.createdAt ?? mtimeMs));
    await copyAtomically(source, place.video);
    let generation = existing?.generation ?? null;
    // Named from the video's own stem, never from the sidecar's text; a link is not followed out of the folder.
    const referenceRelative = referencePathOf(path.basename(source), generation?.referenceImage ?? null);
    const oldReference = referenceRelative ? path.join(path.dirname(source), referenceRelative) : null;
    if (generation && oldReference && (await realFileInside(oldReference, folder))) {
      const name = referenceNameFor(place.stem, path.extname(oldReference).slice(1) || 'jpg');
      await copyAtomically(oldReference, path.join(root, name));
      generation = { ...generation, referenceImage: name };
    } else if (generation) {
      generation = { ...generation, referenceImage: null };
    }
    const sidecar: Sidecar = existing
      ? { ...existing, video: path.basename(place.video), videoBytes: size, generation }
      : await sidecarForLoneVideo(
          { file: place.video, size, mtimeMs, fallbackTitle: path.basename(sourceStem) },
          appVersion,
        );
    await writeSidecar(place.sidecar, sidecar);
    imported += 1;
  }
  return { imported, skipped };
}
