import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { generationSchema, type Sidecar } from '../../../shared/library/sidecar';
import { readVideoRecord } from '../media/video-record-io';
import { itemIdForJob } from './item-identity';
import { newSidecar } from './sidecar-io';

/** A video without a sidecar, as the folder scan or an import finds it. */
export interface LoneVideo {
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** Its name without extension: the title when the file says nothing else. */
  readonly fallbackTitle: string;
}

/**
 * A new sidecar for a video that has none: what the video says of itself when Reelbench made it (its record: the
 * prompt, model, params and ids, and the item id its job always gets, so storyboards find their takes again), else
 * what the file system says (its name and time).
 */
export async function sidecarForLoneVideo(video: LoneVideo, appVersion: string): Promise<Sidecar> {
  const record = await readVideoRecord(video.file);
  const base = {
    video: path.basename(video.file),
    videoBytes: video.size,
    completedAt: null,
    appVersion,
  };
  if (!record)
    return newSidecar({
      ...base,
      id: randomUUID(),
      title: video.fallbackTitle,
      createdAt: new Date(video.mtimeMs),
      generation: null,
    });
  return newSidecar({
    ...base,
    id: record.jobId ? itemIdForJob(record.jobId) : randomUUID(),
    title: record.title.trim() || video.fallbackTitle,
    createdAt: new Date(record.createdAt),
    generation: generationSchema.parse({ ...record, referenceImage: null }),
  });
}
