import { z } from 'zod';

/** A value of one request parameter. */
export const paramValueSchema = z.union([z.string().max(20_000), z.number(), z.boolean()]);

/** A parameter value. */
export type ParamValue = z.infer<typeof paramValueSchema>;

/** A request's parameters by field name: an open record, checked against the model's parameters before sending. */
export const paramsSchema = z.record(z.string().min(1).max(100), paramValueSchema);

/** Parameters by field name. */
export type Params = z.infer<typeof paramsSchema>;

/** What an image is for: the video's first frame, its last frame, or a reference (a face, a costume, a style). */
export const imageRoleSchema = z.enum(['first', 'last', 'reference']);

/** An image's role. */
export type ImageRole = z.infer<typeof imageRoleSchema>;

/** What a field carries, when it is one of the three every model has in some spelling. */
const fieldMeaningSchema = z.enum(['aspect', 'resolution', 'duration']).nullable();

const common = {
  name: z.string().min(1).max(100),
  required: z.boolean(),
  description: z.string().max(4000),
  meaning: fieldMeaningSchema,
};

/** One parameter a model takes, as a control: the kind decides the control and what is accepted. */
export const paramSpecSchema = z.discriminatedUnion('kind', [
  z.object({
    ...common,
    kind: z.literal('choice'),
    values: z.array(z.union([z.string(), z.number()])).min(1),
    default: z.union([z.string(), z.number()]).nullable(),
  }),
  z.object({
    ...common,
    kind: z.literal('number'),
    integer: z.boolean(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    default: z.number().nullable(),
  }),
  z.object({ ...common, kind: z.literal('switch'), default: z.boolean().nullable() }),
  z.object({
    ...common,
    kind: z.literal('text'),
    maxLength: z.number().int().nullable(),
    default: z.string().nullable(),
  }),
  /** A field no control fits (a list of objects, say): offered by name, its value given as JSON text. */
  z.object({ ...common, kind: z.literal('json') }),
]);

/** A parameter. */
export type ParamSpec = z.infer<typeof paramSpecSchema>;

/**
 * A field that carries images: one URL (`first_frame_image`), a list of URLs (`image_urls`, whose position says the
 * role), or a list of `{ url, role }` (`image_with_roles`, with the model's own word for each role).
 */
export const imageInputSchema = z.object({
  field: z.string().min(1).max(100),
  shape: z.enum(['url', 'urls', 'roles']),
  /** The roles it carries; for `urls` in position order (first, last) unless it is a list of references. */
  roles: z.array(imageRoleSchema).min(1),
  maxItems: z.number().int().positive(),
  required: z.boolean(),
  /** For `roles`: the model's word for each role (`first_frame`). */
  roleWords: z.partialRecord(imageRoleSchema, z.string()).default({}),
});

/** An image field. */
export type ImageInput = z.infer<typeof imageInputSchema>;

/** The exact frame a model renders for one shape (and resolution, when the frame depends on it). */
const frameEntrySchema = z.object({
  aspect: z.string().min(1),
  resolution: z.string().nullable(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

/** A frame size in pixels. */
export interface Frame {
  readonly width: number;
  readonly height: number;
}

/** Whether APIMart confirmed the model today, only the shipped snapshot knows it, or APIMart no longer offers it. */
export const modelStateSchema = z.enum(['confirmed', 'unconfirmed', 'unavailable']);

/** A model's state. */
export type ModelState = z.infer<typeof modelStateSchema>;

/** A price per second of video, with where it came from. */
const modelPriceSchema = z.object({
  perSecond: z.number().min(0).nullable(),
  /** The day a shipped price was seen (YYYY-MM-DD); null for the user's own. */
  asOf: z.string().nullable(),
  source: z.enum(['shipped', 'user', 'none']),
});

/** One video model, everything the app needs to offer it, check a request and prepare its images. */
export const videoModelSchema = z.object({
  id: z.string().min(1).max(200),
  family: z.string().min(1),
  label: z.string().min(1),
  description: z.string(),
  state: modelStateSchema,
  /** When its schema was last read from APIMart (ISO), if ever. */
  checkedAt: z.string().nullable(),
  price: modelPriceSchema,
  /** The field the prompt goes in (null: the model takes none, unusual). */
  promptField: z.string().nullable(),
  params: z.array(paramSpecSchema),
  images: z.array(imageInputSchema),
  frames: z.array(frameEntrySchema),
  /** Largest prepared image this model takes. */
  imageMaxBytes: z.number().int().positive(),
  /** Seconds a video lasts when the model has no duration field (a fixed length), if known. */
  fixedSeconds: z.number().positive().nullable(),
  /** How a finished video is continued ("extend this take"): `remix` (a new billed task from the old one's id). */
  extend: z.enum(['remix']).nullable().default(null),
});

/** A video model. */
export type VideoModel = z.infer<typeof videoModelSchema>;

/** Every model the app can offer, plus the limits that do not depend on the model. */
export const modelCatalogSchema = z.object({
  models: z.array(videoModelSchema),
  prompt: z.object({ maxLength: z.number().int().positive() }),
  imageFormats: z.array(z.enum(['jpeg', 'png', 'webp'])).min(1),
});

/** The merged catalog: snapshot, live schemas and the user's prices. */
export type ModelCatalog = z.infer<typeof modelCatalogSchema>;

/** Landscape, portrait or square: how the library groups videos of any model's shapes. */
export const orientationSchema = z.enum(['landscape', 'portrait', 'square']);

/** An orientation. */
export type Orientation = z.infer<typeof orientationSchema>;
