import { z } from 'zod';
import { requestedShape } from './sidecar';

/** Identifies the record Reelbench writes into a video file's own metadata. */
export const VIDEO_RECORD_SCHEMA = 'reelbench.video-record/1';

/**
 * How a video was made, carried inside the MP4 itself (a private `udta` box, beside the standard title and comment):
 * a video that loses its sidecar, or travels without it, still says what it is.
 */
export const videoRecordSchema = z.object({
  schema: z.literal(VIDEO_RECORD_SCHEMA),
  title: z.string().max(500),
  ...requestedShape,
  taskId: z.string().max(200).nullable(),
  jobId: z.string().max(200).nullable(),
  draftId: z.string().max(200).nullable(),
  createdAt: z.string().datetime({ offset: true }),
  appVersion: z.string().max(100),
});

/** A video record. */
export type VideoRecord = z.infer<typeof videoRecordSchema>;
