import path from 'node:path';
import { orientationOf } from '../../../shared/catalog/aspect-ratio';
import type { Sidecar } from '../../../shared/library/sidecar';
import type { CatalogRow } from '../storage/catalog-row';
import type { ScannedFile } from './scan-folder';
import { stemOfVideo } from './library-paths';
import { REFERENCE_INFIX } from '../../../shared/library/sidecar';
import { sequenceRecordSchema } from '../../../shared/boards/board-models';

/** How long an exported sequence lasts, from the shots its sidecar lists; null for anything else. */
function sequenceSeconds(sidecar: Sidecar): number | null {
  const record = sequenceRecordSchema.safeParse(sidecar['sequence']);
  if (!record.success || record.data.shots.length === 0) return null;
  return Math.round(record.data.shots.reduce((sum, shot) => sum + shot.duration, 0) * 10) / 10;
}

/** The image types a reference image is kept as. */
const REFERENCE_EXTENSION = /\.(jpe?g|png|webp)$/i;

/**
 * The item's reference image: always `<stem>.ref.<ext>` beside its video, named from the video's own file name — the
 * sidecar only says whether there is one, and of which type. Its text is never a path: a sidecar naming another
 * item's video ("B.mp4") cannot make removing this item trash that video, and a pair renamed by hand still works.
 */
export function referencePathOf(videoRelative: string, sidecarReference: string | null): string | null {
  // Text that tries to be a path (a slash, a backslash) is not a reference at all.
  if (!sidecarReference || /[\\/]/.test(sidecarReference)) return null;
  const extension = REFERENCE_EXTENSION.exec(sidecarReference)?.[1];
  if (!extension) return null;
  return `${stemOfVideo(videoRelative)}${REFERENCE_INFIX}.${extension}`;
}

/** The catalog row for a sidecar and its files. Times are stored in UTC so they sort as text. */
export function rowFromSidecar(
  sidecar: Sidecar,
  video: ScannedFile,
  sidecarFile: ScannedFile,
  hasPoster: boolean,
): CatalogRow {
  const generation = sidecar.generation;
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
    duration: generation?.duration ?? sequenceSeconds(sidecar),
    createdAt: new Date(sidecar.createdAt).toISOString(),
    completedAt: sidecar.completedAt ? new Date(sidecar.completedAt).toISOString() : null,
    favorite: sidecar.user.favorite,
    rating: sidecar.user.rating,
    tags: sidecar.user.tags,
    notes: sidecar.user.notes,
    referencePath: referencePathOf(video.relative, generation?.referenceImage ?? null),
    taskId: generation?.taskId ?? null,
    jobId: generation?.jobId ?? null,
    draftId: generation?.draftId ?? null,
    draftVersionId: generation?.draftVersionId ?? null,
    hasPoster,
  };
}
