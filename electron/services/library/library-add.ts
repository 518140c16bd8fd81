import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Generation, Sidecar } from '../../../shared/library/sidecar';
import { SIDECAR_SUFFIX } from '../../../shared/library/sidecar';
import { copyAtomically, moveFile, pathExists, uniqueName } from './file-moves';
import { fileStemFor, isVideo, referenceNameFor } from './library-paths';
import { newSidecar, readSidecar, writeSidecar } from './sidecar-io';

/** A finished video to file into the library (the pipeline's last step). */
export interface AddVideoInput {
  /** The downloaded file; moved (not copied) into place, atomically when on the same disk. */
  readonly videoFile: string;
  readonly title?: string | undefined;
  readonly generation: Omit<Generation, 'referenceImage'>;
  /** The prepared reference image, copied beside the video. */
  readonly referenceImage?: string | undefined;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
}

/** Where a new video's files go, with names free in the folder. */
async function placeFor(root: string, title: string, date: Date): Promise<{ stem: string; video: string; sidecar: string }> {
  const stem = await uniqueName(root, fileStemFor(title, date), '.mp4', async (file) => (await pathExists(file)) || (await pathExists(file.replace(/\.mp4$/, SIDECAR_SUFFIX))));
  return { stem, video: path.join(root, `${stem}.mp4`), sidecar: path.join(root, `${stem}${SIDECAR_SUFFIX}`) };
}

/** Files a generated video: video, reference copy and sidecar, under a readable name. Returns the sidecar path. */
export async function addGeneratedVideo(root: string, input: AddVideoInput, appVersion: string): Promise<string> {
  const title = input.title?.trim() || input.generation.prompt.split(/\s+/).slice(0, 8).join(' ');
  const place = await placeFor(root, title, input.createdAt);
  await moveFile(input.videoFile, place.video);
  let referenceImage: string | null = null;
  if (input.referenceImage) {
    referenceImage = referenceNameFor(place.stem, path.extname(input.referenceImage).slice(1) || 'jpg');
    await copyAtomically(input.referenceImage, path.join(root, referenceImage));
  }
  const { size } = await stat(place.video);
  await writeSidecar(
    place.sidecar,
    newSidecar({
      id: randomUUID(),
      video: path.basename(place.video),
      videoBytes: size,
      title,
      createdAt: input.createdAt,
      completedAt: input.completedAt,
      generation: { ...input.generation, referenceImage },
      appVersion,
    }),
  );
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
export async function importVideos(root: string, folder: string, knownIds: (id: string) => boolean, appVersion: string): Promise<ImportReport> {
  const resolvedRoot = path.resolve(root);
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const skipped: { file: string; reason: string }[] = [];
  let imported = 0;
  for (const entry of entries.filter((candidate) => candidate.isFile() && isVideo(candidate.name))) {
    const source = path.join(entry.parentPath, entry.name);
    if (path.resolve(source).startsWith(resolvedRoot + path.sep)) {
      skipped.push({ file: source, reason: 'It is already inside the library folder.' });
      continue;
    }
    const sourceStem = source.replace(/\.mp4$/i, '');
    const read = (await pathExists(`${sourceStem}${SIDECAR_SUFFIX}`)) ? await readSidecar(`${sourceStem}${SIDECAR_SUFFIX}`) : null;
    if (read && !read.ok) {
      skipped.push({ file: source, reason: `Its sidecar ${read.message}.` });
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
    const oldReference = generation?.referenceImage ? path.join(path.dirname(source), path.basename(generation.referenceImage)) : null;
    if (generation && oldReference && (await pathExists(oldReference))) {
      const name = referenceNameFor(place.stem, path.extname(oldReference).slice(1) || 'jpg');
      await copyAtomically(oldReference, path.join(root, name));
      generation = { ...generation, referenceImage: name };
    } else if (generation) {
      generation = { ...generation, referenceImage: null };
    }
    const sidecar: Sidecar = existing
      ? { ...existing, video: path.basename(place.video), videoBytes: size, generation }
      : newSidecar({ id: randomUUID(), video: path.basename(place.video), videoBytes: size, title, createdAt: new Date(mtimeMs), completedAt: null, generation: null, appVersion });
    await writeSidecar(place.sidecar, sidecar);
    imported += 1;
  }
  return { imported, skipped };
}
