import path from 'node:path';
import { orientationOf } from '../../../shared/catalog/aspect-ratio';
import type { Sidecar } from '../../../shared/library/sidecar';
import type { CatalogRow } from '../storage/catalog-row';
import type { ScannedFile } from './scan-folder';

/** The catalog row for a sidecar and its files. Times are stored in UTC so they sort as text. */
export function rowFromSidecar(
  sidecar: Sidecar,
  video: ScannedFile,
  sidecarFile: ScannedFile,
  hasPoster: boolean,
): CatalogRow {
  const generation = sidecar.generation;
  const directory = path.posix.dirname(video.relative);
  const reference = generation?.referenceImage ?? null;
  return {
    id: sidecar.id,
    videoPath: video.relative,
    sidecarPath: sidecarFile.relative,
    videoSize: video.size,
    videoMtime: video.mtimeMs,
    sidecarMtime: sidecarFile.mtimeMs,
    title: sidecar.user.title.trim() || path.posix.basename(video.relative).replace(/\.mp4$/i, ''),
    prompt: generation?.prompt ?? null,
    model: generation?.model ?? null,
    aspect: orientationOf(generation?.aspect ?? undefined),
    resolution: generation?.resolution ?? null,
    duration: generation?.duration ?? null,
    createdAt: new Date(sidecar.createdAt).toISOString(),
    completedAt: sidecar.completedAt ? new Date(sidecar.completedAt).toISOString() : null,
    favorite: sidecar.user.favorite,
    rating: sidecar.user.rating,
    tags: sidecar.user.tags,
    notes: sidecar.user.notes,
    // A bare file name beside the video; anything with a slash is ignored rather than followed.
    referencePath:
      reference && !/[\\/]/.test(reference) ? (directory === '.' ? reference : `${directory}/${reference}`) : null,
    taskId: generation?.taskId ?? null,
    jobId: generation?.jobId ?? null,
    draftId: generation?.draftId ?? null,
    draftVersionId: generation?.draftVersionId ?? null,
    hasPoster,
  };
}
