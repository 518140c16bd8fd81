import { catalogSchema, type ModelCatalog, type Resolution } from './catalog-schema';

/** 1280×720 / 720×1280: what both documented models produce at standard resolution. */
const STANDARD_720P: Resolution = {
  id: 'standard',
  label: 'Standard (720p)',
  frames: { landscape: { width: 1280, height: 720 }, portrait: { width: 720, height: 1280 } },
};

/**
 * What APIMart's video endpoint accepts, as data (../shared/docs/apimart-api.md). Aggregators rename and retire
 * models (OpenAI closed its own Sora API in September 2026), so adding or changing a model is an edit here and
 * nowhere else: request validation, the workbench controls and the CLI all read this object.
 */
const data: ModelCatalog = {
  defaultModel: 'sora-2-preview',
  models: [
    {
      id: 'sora-2-preview',
      label: 'Sora 2',
      description: 'Standard quality, 720p.',
      durations: [4, 8, 12],
      defaultDuration: 4,
      aspects: ['landscape', 'portrait'],
      resolutions: [STANDARD_720P],
      defaultResolution: 'standard',
      sendsResolution: false,
    },
    {
      id: 'sora-2-pro-preview',
      label: 'Sora 2 Pro',
      description: 'Higher quality; offers a high resolution.',
      durations: [4, 8, 12],
      defaultDuration: 4,
      aspects: ['landscape', 'portrait'],
      resolutions: [
        STANDARD_720P,
        {
          id: 'high',
          label: 'High (1792×1024)',
          frames: { landscape: { width: 1792, height: 1024 }, portrait: { width: 1024, height: 1792 } },
        },
      ],
      defaultResolution: 'standard',
      sendsResolution: true,
    },
  ],
  aspectAliases: { landscape: 'landscape', portrait: 'portrait', '16:9': 'landscape', '9:16': 'portrait' },
  image: { maxBytes: 10 * 1024 * 1024, formats: ['jpeg', 'png', 'webp'] },
  // The API documents no limit; this is Reelbench's guard against pasting a whole file by mistake.
  prompt: { maxLength: 10_000 },
};

/** The catalog the app ships with, checked against its schema when loaded so a bad edit fails loudly. */
export const MODEL_CATALOG: ModelCatalog = catalogSchema.parse(data);
