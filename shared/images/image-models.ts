import { z } from 'zod';
import { paramsSchema } from '../catalog/video-model';
import { messageRefSchema } from '../errors';

/** Something the UI should tell the user about an image before it is used. */
// `message` is the English (for the CLI and logs); `text` the catalog message each window shows in its language.
const said = { message: z.string(), text: messageRefSchema };
export const imageFindingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('crop'), ratio: z.string(), ...said }),
  z.object({ kind: z.literal('reencode'), bytes: z.number(), ...said }),
  z.object({ kind: z.literal('convert'), from: z.string(), ...said }),
  z.object({ kind: z.literal('upscale'), factor: z.number(), ...said }),
  z.object({ kind: z.literal('firstFrame'), frames: z.number(), ...said }),
  z.object({ kind: z.literal('flatten'), ...said }),
]);

/** One thing to tell the user about an image. */
export type ImageFinding = z.infer<typeof imageFindingSchema>;

/** What an image is, as displayed (EXIF orientation applied), and what preparing it will do. */
export const imageInspectionSchema = z.object({
  format: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().nonnegative(),
  hasAlpha: z.boolean(),
  animated: z.boolean(),
  colourSpace: z.string(),
  bitDepth: z.number().int().positive(),
  findings: z.array(imageFindingSchema),
  /** A small WebP of the whole image, as a data: URL. */
  preview: z.string(),
});

/** The result of inspecting an image. */
export type ImageInspection = z.infer<typeof imageInspectionSchema>;

/** A crop window as fractions of the displayed image. */
export const normalizedRectSchema = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  width: z.number().gt(0).max(1),
  height: z.number().gt(0).max(1),
});

/** The frame an image is being prepared for. */
export const imageTargetSchema = z.object({
  model: z.string().min(1).max(200),
  /** The request's parameters: its shape and resolution decide the frame. */
  params: paramsSchema.default({}),
});

/** The frame an image is being prepared for, as callers write it. */
export type ImageTargetInput = z.input<typeof imageTargetSchema>;

/** How to prepare an image. */
export const prepareOptionsSchema = imageTargetSchema.extend({
  crop: normalizedRectSchema.optional(),
  format: z.enum(['jpeg', 'png', 'webp']).optional(),
  /** Colour transparent areas are flattened onto, as #rrggbb. */
  background: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
});

/** Options for `prepare`. */
export type PrepareOptions = z.infer<typeof prepareOptionsSchema>;

/** A prepared reference image: exactly the output frame, under the size budget, metadata stripped. */
export const preparedImageSchema = z.object({
  path: z.string(),
  key: z.string(),
  format: z.enum(['jpeg', 'png', 'webp']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  /** Encoder quality used (null for PNG, and when the file was reused from the cache). */
  quality: z.number().int().nullable(),
  /** The crop taken from the displayed source image, in its pixels. */
  crop: z.object({ left: z.number(), top: z.number(), width: z.number(), height: z.number() }),
  source: z.object({ width: z.number(), height: z.number() }),
  /** True when an identical earlier preparation was reused from the cache. */
  reused: z.boolean(),
});

/** The result of `prepare`. */
export type PreparedImage = z.infer<typeof preparedImageSchema>;
