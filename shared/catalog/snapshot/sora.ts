import { field, framesOf, seen, type SnapshotModel } from './snapshot-model';

// Sora (§2 of the API notes). OpenAI closed its Sora 2 API on 2026-09-24; these stay for as long as APIMart serves
// them, and a `model_not_found` answer marks them unavailable.
const soraFields = {
  prompt: field.prompt,
  duration: field.choice([4, 8, 12], 4, 'Seconds.'),
  aspect_ratio: field.choice(['landscape', 'portrait', '16:9', '9:16'], 'landscape', 'The output shape.'),
  image_urls: field.imageUrls(1, 'Image-to-video: the first image sets the opening frame (and the shape).'),
};

const standard = framesOf({ standard: [1280, 720] }, ['16:9', '9:16']);

/** Sora 2 and Sora 2 Pro. */
export const SORA: readonly SnapshotModel[] = [
  {
    id: 'sora-2-preview',
    family: 'Sora',
    label: 'Sora 2',
    description: 'Standard quality, 720p.',
    price: seen(0.08),
    frames: framesOf({ standard: [1280, 720] }, ['16:9', '9:16'], true),
    schema: { type: 'object', properties: soraFields, required: ['prompt'] },
  },
  {
    id: 'sora-2-pro-preview',
    family: 'Sora',
    label: 'Sora 2 Pro',
    description: 'Higher quality; offers a high resolution.',
    price: seen(0.6),
    frames: [...standard, ...framesOf({ high: [1792, 1024] }, ['16:9', '9:16'])],
    schema: {
      type: 'object',
      properties: { ...soraFields, resolution: field.choice(['standard', 'high'], 'standard', 'Output resolution.') },
      required: ['prompt'],
    },
  },
];
