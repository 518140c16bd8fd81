import type { InputSchema, PropertySchema } from '../input-schema';

/** A frame the snapshot knows: the shape key (`16:9`), the model's resolution value (or null) and the size. */
export interface SnapshotFrame {
  readonly aspect: string;
  readonly resolution: string | null;
  readonly width: number;
  readonly height: number;
}

/**
 * What Reelbench ships about one model, so it works offline and on first start: labels, a dated default price, the
 * frames it renders, and its request schema as APIMart documented it. A live schema replaces the schema.
 */
export interface SnapshotModel {
  readonly id: string;
  readonly family: string;
  readonly label: string;
  readonly description: string;
  readonly price: { readonly perSecond: number; readonly asOf: string } | null;
  readonly frames?: readonly SnapshotFrame[];
  readonly imageMaxBytes?: number;
  /** For a model without a duration field: the length of every video. */
  readonly fixedSeconds?: number;
  /** How a finished video of this model is continued: `remix` is `POST /v1/videos/{task_id}/remix`, same model. */
  readonly extend?: 'remix';
  readonly schema: InputSchema;
}

/** The day the shipped prices were read from APIMart's price list. */
export const PRICES_SEEN = '2026-09-24';

/** A price seen on APIMart's list on {@link PRICES_SEEN}. */
export const seen = (perSecond: number) => ({ perSecond, asOf: PRICES_SEEN });

/**
 * Frames for a model whose sizes are the usual landscape sizes turned for portrait, and for square the short side
 * squared: `{ '720p': [1280, 720] }` → 1280×720, 720×1280, 720×720.
 */
export function framesOf(
  sizes: Readonly<Record<string, readonly [number, number]>>,
  aspects: readonly ('16:9' | '9:16' | '1:1')[],
  resolutionless = false,
): SnapshotFrame[] {
  return Object.entries(sizes).flatMap(([resolution, [long, short]]) =>
    aspects.map((aspect) => {
      const [width, height] = aspect === '16:9' ? [long, short] : aspect === '9:16' ? [short, long] : [short, short];
      return { aspect, resolution: resolutionless ? null : resolution, width, height };
    }),
  );
}

/** Schema shorthands, so the snapshot reads like APIMart's reference tables. */
export const field = {
  prompt: { type: 'string', description: 'What happens in the video.' } satisfies PropertySchema,
  negativePrompt: { type: 'string', description: 'What the video should not show.' } satisfies PropertySchema,
  choice: (values: readonly (string | number)[], fallback?: string | number, description = ''): PropertySchema => ({
    type: typeof values[0] === 'number' ? 'integer' : 'string',
    enum: values,
    ...(fallback === undefined ? {} : { default: fallback }),
    description,
  }),
  integer: (minimum: number, maximum: number, fallback?: number, description = ''): PropertySchema => ({
    type: 'integer',
    minimum,
    maximum,
    ...(fallback === undefined ? {} : { default: fallback }),
    description,
  }),
  toggle: (fallback: boolean, description = ''): PropertySchema => ({
    type: 'boolean',
    default: fallback,
    description,
  }),
  imageUrl: (description: string): PropertySchema => ({ type: 'string', format: 'uri', description }),
  imageUrls: (maxItems: number, description: string): PropertySchema => ({
    type: 'array',
    items: { type: 'string', format: 'uri' },
    maxItems,
    description,
  }),
};
