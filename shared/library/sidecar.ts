import { z } from 'zod';
import { legacyParams } from '../catalog/legacy-params';
import { paramsSchema } from '../catalog/video-model';

/** The sidecar beside every video: `clip.mp4` → `clip.reelbench.json`. */
export const SIDECAR_SUFFIX = '.reelbench.json';
/** The prepared reference image beside a video: `clip.mp4` → `clip.ref.jpg` (or .png / .webp). */
export const REFERENCE_INFIX = '.ref';
/** Identifies the file format, for humans and for future versions. */
export const SIDECAR_SCHEMA = 'reelbench.video/1';

/** A generation written before requests were `{ model, params }` gets its params from Sora's fields. */
function withParams(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const generation = value as Record<string, unknown>;
  if (typeof generation['params'] === 'object' && generation['params'] !== null) return value;
  const model = typeof generation['model'] === 'string' ? generation['model'] : '';
  return { ...generation, params: legacyParams(model, generation) };
}

/** What was asked for: the prompt, the model and its parameters, and what they mean in seconds, shape and size. */
export const requestedShape = {
  prompt: z.string().max(10_000),
  model: z.string().max(200),
  /** The request's parameters as sent, in the model's own field names. */
  params: paramsSchema,
  /** Seconds, shape and resolution in the model's spelling: what the library shows and filters by. */
  duration: z.number().positive().nullable(),
  aspect: z.string().max(40).nullable(),
  resolution: z.string().max(40).nullable(),
};

/** How a video was generated; null for imported videos Reelbench did not make. */
export const generationSchema = z.preprocess(
  withParams,
  z.object({
    ...requestedShape,
    /** File name of the prepared first image beside the video, if one was used. */
    referenceImage: z.string().max(255).nullable(),
    taskId: z.string().max(200).nullable(),
    jobId: z.string().max(200).nullable(),
    draftId: z.string().max(200).nullable().default(null),
    draftVersionId: z.string().max(200).nullable().default(null),
    /** What APIMart reported the task cost, when it did (the estimate is the job's). */
    cost: z.number().nullable().default(null),
  }),
);

/** What the user says about a video. */
export const userFieldsSchema = z.object({
  title: z.string().max(500),
  favorite: z.boolean(),
  tags: z.array(z.string().min(1).max(100)).max(100),
  rating: z.number().int().min(1).max(5).nullable(),
  notes: z.string().max(100_000),
});

/**
 * The sidecar: the source of truth for one video. Plain, indented JSON a person can read; copying the folder to
 * another machine carries everything. Unknown fields are kept when Reelbench rewrites the file.
 */
export const sidecarSchema = z
  .object({
    schema: z.literal(SIDECAR_SCHEMA),
    id: z.string().uuid(),
    /** The video's file name when the sidecar was last written (files are paired by name, this is informative). */
    video: z.string().max(1024),
    /** The video's size when the sidecar was last written: finds a video renamed without its sidecar. */
    videoBytes: z.number().int().nonnegative().nullable(),
    generation: generationSchema.nullable(),
    createdAt: z.string().datetime({ offset: true }),
    completedAt: z.string().datetime({ offset: true }).nullable(),
    appVersion: z.string().max(100),
    user: userFieldsSchema,
  })
  .passthrough();

/** A parsed sidecar. */
export type Sidecar = z.infer<typeof sidecarSchema>;
/** How a video was generated. */
export type Generation = z.infer<typeof generationSchema>;
/** The user's fields. */
export type UserFields = z.infer<typeof userFieldsSchema>;
