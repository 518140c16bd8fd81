import { z } from 'zod';
import { normalizedRectSchema } from '../images/image-models';

/** Model, duration, aspect and resolution: what a draft, a preset and a job share. */
export const generationParamsSchema = z.object({
  model: z.string().min(1).max(200),
  duration: z.number().int().positive().max(600),
  /** The shape in the model's spelling or as a ratio (`16:9`, `landscape`). */
  aspect: z.string().min(1).max(40),
  resolution: z.string().min(1).max(50),
});

/** The parameters of a generation. */
export type GenerationParams = z.infer<typeof generationParamsSchema>;

/** A draft: everything needed to generate, kept while it is being written and reworked. */
export const draftSchema = z.object({
  id: z.string().uuid(),
  title: z.string().max(500),
  /** True while the title still follows the prompt's first words (the user has not named it). */
  titleIsAuto: z.boolean(),
  prompt: z.string().max(10_000),
  params: generationParamsSchema,
  /** The app's own copy of the reference image, or null. */
  imagePath: z.string().nullable(),
  crop: normalizedRectSchema.nullable(),
  notes: z.string().max(100_000),
  pinned: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set when deleted (undoable until purged). */
  deletedAt: z.string().nullable(),
});

/** A draft. */
export type Draft = z.infer<typeof draftSchema>;

/** A change to a draft, as autosave sends it. */
export const draftPatchSchema = z.object({
  title: z.string().max(500).optional(),
  prompt: z.string().max(10_000).optional(),
  params: generationParamsSchema.partial().optional(),
  crop: normalizedRectSchema.nullable().optional(),
  notes: z.string().max(100_000).optional(),
  pinned: z.boolean().optional(),
});

/** A snapshot of a draft: taken when it is generated and when the user saves explicitly. */
export const draftVersionSchema = z.object({
  id: z.string().uuid(),
  draftId: z.string().uuid(),
  createdAt: z.string(),
  reason: z.enum(['generated', 'saved', 'restored']),
  prompt: z.string(),
  params: generationParamsSchema,
  notes: z.string(),
  imagePath: z.string().nullable(),
  crop: normalizedRectSchema.nullable(),
  jobId: z.string().nullable(),
});

/** A version of a draft. */
export type DraftVersion = z.infer<typeof draftVersionSchema>;

/** A named parameter set with an optional style text appended to the prompt. */
export const presetSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  builtIn: z.boolean(),
  params: generationParamsSchema,
  style: z.string().max(2_000),
});

/** A preset. */
export type Preset = z.infer<typeof presetSchema>;

/** A word-level diff of two prompts. */
export const promptDiffSchema = z.array(z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() }));

/** A word-level diff of two prompts: runs of words kept, added or removed. */
export type PromptDiff = z.infer<typeof promptDiffSchema>;
