import { z } from 'zod';
import { legacyParams } from '../catalog/legacy-params';
import { imageRoleSchema, paramsSchema } from '../catalog/video-model';
import { normalizedRectSchema } from '../images/image-models';
import { cameraIntentSchema } from '../intent/intent-models';

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A draft, version or preset written before settings were `{ model, params }` kept Sora's fields in `params`
 * (`{ model, duration, aspect, resolution }`) and one reference image (`imagePath`, `crop`): they become the model
 * and its own params, and the image its first frame, so everything written before still opens and generates.
 */
function withModelParams(value: unknown): unknown {
  if (!isObject(value)) return value;
  const next: Loose = { ...value };
  const params = next['params'];
  if (isObject(params) && typeof params['model'] === 'string' && next['model'] === undefined) {
    next['model'] = params['model'];
    next['params'] = legacyParams(params['model'], params);
  }
  if (next['images'] === undefined && 'imagePath' in next) {
    const { imagePath, crop } = next;
    next['images'] = typeof imagePath === 'string' ? [{ role: 'first', path: imagePath, crop: crop ?? null }] : [];
    delete next['imagePath'];
    delete next['crop'];
  }
  return next;
}

/**
 * An image of a draft: its role and the app's own copy of it, with the part of it the user chose. Across IPC `path`
 * carries the opaque token main issued for the file (shared/images/image-token.ts), never the file's path.
 */
export const draftImageSchema = z.object({
  role: imageRoleSchema,
  path: z.string().max(4096),
  crop: normalizedRectSchema.nullable(),
});

/** A draft's image. */
export type DraftImage = z.infer<typeof draftImageSchema>;

/** A model and its own parameters: what a draft, a version, a preset and a batch row generate with. */
export const generationSettingsSchema = z.object({
  model: z.string().min(1).max(200),
  params: paramsSchema,
});

/** Generation settings. */
export type GenerationSettings = z.infer<typeof generationSettingsSchema>;

/**
 * What a draft or shot asks for beyond a model's own params: its camera move, and each model's extras (a seed, a
 * negative prompt, a mode) kept by model id, so choosing that model again brings them back.
 */
export const intentFieldsSchema = z.object({
  camera: cameraIntentSchema.nullable().default(null),
  modelExtras: z.record(z.string().min(1).max(200), paramsSchema).default({}),
});

/** The intent fields' patch: each replaces the stored value whole. */
const intentPatchShape = {
  camera: cameraIntentSchema.nullable().optional(),
  modelExtras: z.record(z.string().min(1).max(200), paramsSchema).optional(),
};

/** A draft: everything needed to generate, kept while it is being written and reworked. */
export const draftSchema = z.preprocess(
  withModelParams,
  z.object({
    id: z.string().uuid(),
    title: z.string().max(500),
    /** True while the title still follows the prompt's first words (the user has not named it). */
    titleIsAuto: z.boolean(),
    prompt: z.string().max(10_000),
    ...generationSettingsSchema.shape,
    ...intentFieldsSchema.shape,
    /** The app's own copies of the images, by role (first frame, last frame, references). */
    images: z.array(draftImageSchema).max(20),
    notes: z.string().max(100_000),
    pinned: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Set when deleted (undoable until purged). */
    deletedAt: z.string().nullable(),
  }),
);

/** A draft. */
export type Draft = z.infer<typeof draftSchema>;

/** A change to a draft, as autosave sends it; `params` replaces the draft's params whole. */
export const draftPatchSchema = z.object({
  title: z.string().max(500).optional(),
  prompt: z.string().max(10_000).optional(),
  model: z.string().min(1).max(200).optional(),
  params: paramsSchema.optional(),
  ...intentPatchShape,
  /** The crop of the image at this index of `images`. */
  crop: z.object({ index: z.number().int().min(0).max(19), rect: normalizedRectSchema.nullable() }).optional(),
  notes: z.string().max(100_000).optional(),
  pinned: z.boolean().optional(),
});

/** A draft patch. */
export type DraftPatch = z.infer<typeof draftPatchSchema>;

/** A snapshot of a draft: taken when it is generated and when the user saves explicitly. */
export const draftVersionSchema = z.preprocess(
  withModelParams,
  z.object({
    id: z.string().uuid(),
    draftId: z.string().uuid(),
    createdAt: z.string(),
    reason: z.enum(['generated', 'saved', 'restored']),
    prompt: z.string(),
    ...generationSettingsSchema.shape,
    notes: z.string(),
    images: z.array(draftImageSchema).max(20),
    jobId: z.string().nullable(),
  }),
);

/** A version of a draft. */
export type DraftVersion = z.infer<typeof draftVersionSchema>;

/** A named set of settings with an optional style text appended to the prompt. */
export const presetSchema = z.preprocess(
  withModelParams,
  z.object({
    id: z.string().min(1).max(100),
    name: z.string().min(1).max(200),
    builtIn: z.boolean(),
    ...generationSettingsSchema.shape,
    style: z.string().max(2_000),
  }),
);

/** A preset. */
export type Preset = z.infer<typeof presetSchema>;

/** A word-level diff of two prompts. */
export const promptDiffSchema = z.array(z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() }));

/** A word-level diff of two prompts: runs of words kept, added or removed. */
export type PromptDiff = z.infer<typeof promptDiffSchema>;
