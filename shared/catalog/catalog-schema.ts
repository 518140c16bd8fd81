import { z } from 'zod';

/** The two output shapes the API produces. Square is not supported. */
export const aspectSchema = z.enum(['landscape', 'portrait']);

/** An output orientation. */
export type Aspect = z.infer<typeof aspectSchema>;

const frameSchema = z.object({ width: z.number().int().positive(), height: z.number().int().positive() });

/** A frame size in pixels. */
export type Frame = z.infer<typeof frameSchema>;

const resolutionSchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  frames: z.object({ landscape: frameSchema, portrait: frameSchema }),
});

/** One resolution a model offers and the frame it produces for each aspect. */
export type Resolution = z.infer<typeof resolutionSchema>;

const modelSchema = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    description: z.string(),
    durations: z.array(z.number().int().positive()).min(1),
    defaultDuration: z.number().int().positive(),
    aspects: z.array(aspectSchema).min(1),
    resolutions: z.array(resolutionSchema).min(1),
    defaultResolution: z.string().min(1),
    /** Whether the API accepts a `resolution` field for this model (the standard model rejects it). */
    sendsResolution: z.boolean(),
  })
  .refine((model) => model.durations.includes(model.defaultDuration), 'defaultDuration must be one of durations')
  .refine(
    (model) => model.resolutions.some((resolution) => resolution.id === model.defaultResolution),
    'defaultResolution must be one of resolutions',
  )
  .refine(
    (model) => model.sendsResolution || model.resolutions.length === 1,
    'a model that takes no resolution offers exactly one',
  );

/** One video model as the API serves it. */
export type VideoModel = z.infer<typeof modelSchema>;

/** The whole catalog: what can be asked for, and the limits on reference images and prompts. */
export const catalogSchema = z
  .object({
    models: z.array(modelSchema).min(1),
    defaultModel: z.string().min(1),
    aspectAliases: z.record(z.string(), aspectSchema),
    image: z.object({
      maxBytes: z.number().int().positive(),
      formats: z.array(z.enum(['jpeg', 'png', 'webp'])).min(1),
    }),
    prompt: z.object({ maxLength: z.number().int().positive() }),
  })
  .refine(
    (catalog) => catalog.models.some((model) => model.id === catalog.defaultModel),
    'defaultModel must be a model',
  )
  .refine(
    (catalog) => new Set(catalog.models.map((model) => model.id)).size === catalog.models.length,
    'model ids must be unique',
  );

/** The model catalog. */
export type ModelCatalog = z.infer<typeof catalogSchema>;
