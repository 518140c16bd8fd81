import { z } from 'zod';

/** How the camera moves through a shot, in words every model's request can be written from. */
export const CAMERA_MOVES = [
  'static',
  'push-in',
  'pull-out',
  'pan-left',
  'pan-right',
  'tilt-up',
  'tilt-down',
  'orbit',
  'crane-up',
  'crane-down',
  'handheld',
] as const;

/** A camera move. */
export const cameraMoveSchema = z.enum(CAMERA_MOVES);

/** A camera move's name. */
export type CameraMove = z.infer<typeof cameraMoveSchema>;

/** The camera of a shot: its move and how strongly it moves (0 barely, 1 as far as the model goes). */
export const cameraIntentSchema = z.object({
  move: cameraMoveSchema,
  strength: z.number().min(0).max(1).default(0.5),
});

/** A shot's camera. */
export type CameraIntent = z.infer<typeof cameraIntentSchema>;

/** How sharp a video is, named the same for every model (each spells it its own way: `720p`, `std`, `high`). */
export const RESOLUTION_CLASSES = ['draft', 'hd', 'full-hd', '4k'] as const;

/** A resolution class. */
export type ResolutionClass = (typeof RESOLUTION_CLASSES)[number];

/** An image the intent carries: its role, where it is, and (for a reference) words to say it when no slot is left. */
export interface IntentImage {
  readonly role: 'first' | 'last' | 'reference';
  readonly path: string;
  readonly crop: { readonly x: number; readonly y: number; readonly width: number; readonly height: number } | null;
  /** What the image shows, for a model with no room for it ("Mara: a tall woman in a red coat"). */
  readonly describedAs?: string | undefined;
}

/**
 * What a shot asks for, whatever model makes it. Null means "the model's own default": an intent read from an
 * older draft only holds what that draft had set.
 */
export interface ShotIntent {
  readonly prompt: string;
  readonly seconds: number | null;
  /** A shape as a ratio key (`16:9`, `21:9`) or `adaptive`. */
  readonly shape: string | null;
  readonly resolution: ResolutionClass | null;
  readonly camera: CameraIntent | null;
  /** The model's own sound with the picture: on, off, or as the model does by default. */
  readonly sound: boolean | null;
  readonly images: readonly IntentImage[];
}

/** One thing a compile changed, with why, e.g. `{ what: 'duration', from: '12 s', to: '10 s', why: '…' }`. */
export interface IntentChange {
  /** `duration`, `shape`, `resolution`, `camera`, `sound`, `images`, or an extra parameter's name. */
  readonly what: string;
  readonly from: string;
  /** Null: left out. */
  readonly to: string | null;
  readonly why: string;
}
