// The video models the fake APIMart serves, with their request schemas — written from APIMart's reference pages
// (../shared/docs/apimart-api.md §2 and §5), independently of the app's shipped snapshot: where the two differ (Kling's
// audio switch is `enable_audio` here), the app must follow the live schema.

/** A JSON Schema object, as `/v1/model-schema` serves it. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** One video model the fake serves. */
export interface FakeModel {
  readonly id: string;
  readonly schema: JsonSchema;
  /** The field that carries the seconds billed, and its default. */
  readonly secondsField: string | null;
  readonly defaultSeconds: number;
  /** Fields that carry image URLs (checked to be URLs the fake knows how to read). */
  readonly imageFields: readonly string[];
  /** Its finished tasks can be continued with `POST /v1/videos/{task_id}/remix` (same model). */
  readonly remix?: boolean;
}

const text = (description = '') => ({ type: 'string', description });
const url = (description: string) => ({ type: 'string', format: 'uri', description });
const urls = (maxItems: number | undefined, description: string) => ({
  type: 'array',
  items: { type: 'string', format: 'uri' },
  ...(maxItems === undefined ? {} : { maxItems }),
  description,
});
const body = (properties: Record<string, unknown>): JsonSchema => ({
  type: 'object',
  properties: { prompt: text('The video to generate.'), ...properties },
  required: ['prompt'],
  additionalProperties: false,
});

const soraFields = {
  duration: { type: 'integer', enum: [4, 8, 12], default: 4, description: 'Seconds: 4, 8 or 12.' },
  aspect_ratio: { type: 'string', enum: ['landscape', 'portrait', '16:9', '9:16'], default: 'landscape' },
  image_urls: urls(undefined, 'Image-to-video reference. Only the first image is used.'),
};

/** The models of APIMart's reference pages that the fake serves. */
export const FAKE_VIDEO_MODELS: readonly FakeModel[] = [
  {
    id: 'sora-2-preview',
    schema: body(soraFields),
    secondsField: 'duration',
    defaultSeconds: 4,
    imageFields: ['image_urls'],
  },
  {
    id: 'sora-2-pro-preview',
    schema: body({ ...soraFields, resolution: { type: 'string', enum: ['standard', 'high'], default: 'standard' } }),
    secondsField: 'duration',
    defaultSeconds: 4,
    imageFields: ['image_urls'],
  },
  {
    id: 'veo3.1-fast-official',
    schema: body({
      duration: { type: 'integer', enum: [4, 6, 8], default: 8 },
      aspect_ratio: { type: 'string', enum: ['16:9', '9:16'], default: '16:9' },
      resolution: { type: 'string', enum: ['720p', '1080p', '4K'], default: '720p' },
      first_frame_image: url('First frame of the video.'),
      last_frame_image: url('Last frame of the video; requires first_frame_image.'),
      negative_prompt: text(),
      seed: { type: 'integer', minimum: 0, maximum: 4294967295 },
      generate_audio: { type: 'boolean', default: true },
    }),
    secondsField: 'duration',
    defaultSeconds: 8,
    imageFields: ['first_frame_image', 'last_frame_image'],
  },
  {
    // APIMart's own Veo 3.1: always 8 s, and a finished video can be extended (remix).
    id: 'veo3.1-fast',
    schema: body({
      duration: { type: 'integer', enum: [8], default: 8 },
      aspect_ratio: { type: 'string', enum: ['16:9', '9:16'], default: '16:9' },
      image_urls: urls(2, 'One image: the first frame. Two: the first and the last frame.'),
    }),
    secondsField: 'duration',
    defaultSeconds: 8,
    imageFields: ['image_urls'],
    remix: true,
  },
  {
    id: 'kling-v3',
    schema: body({
      mode: { type: 'string', enum: ['std', 'pro', '4k'], default: 'std', description: 'std 720p, pro 1080p.' },
      duration: { type: 'integer', minimum: 3, maximum: 15, default: 5 },
      aspect_ratio: { type: 'string', enum: ['16:9', '9:16', '1:1'], default: '16:9' },
      image_urls: urls(2, '1 image = first frame; 2 images = first frame and last frame.'),
      negative_prompt: text(),
      enable_audio: { type: 'boolean', default: false },
    }),
    secondsField: 'duration',
    defaultSeconds: 5,
    imageFields: ['image_urls'],
  },
  {
    id: 'doubao-seedance-2.0',
    schema: body({
      size: { type: 'string', enum: ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9', 'adaptive'], default: '16:9' },
      resolution: { type: 'string', enum: ['480p', '720p'], default: '720p' },
      duration: { type: 'integer', minimum: 5, maximum: 15, default: 5 },
      seed: { type: 'integer', minimum: -1, maximum: 2147483647 },
      generate_audio: { type: 'boolean' },
      first_frame_image: url('First frame.'),
      last_frame_image: url('Last frame.'),
    }),
    secondsField: 'duration',
    defaultSeconds: 5,
    imageFields: ['first_frame_image', 'last_frame_image'],
  },
  {
    id: 'wan2.6',
    schema: body({
      size: { type: 'string', enum: ['16:9', '9:16', '1:1'], default: '16:9' },
      resolution: { type: 'string', enum: ['480p', '720p', '1080p'], default: '720p' },
      duration: { type: 'integer', enum: [5, 10, 15], default: 5 },
      negative_prompt: text(),
      seed: { type: 'integer', minimum: 0 },
      audio: { type: 'boolean', default: true },
      image_urls: urls(1, 'First frame.'),
    }),
    secondsField: 'duration',
    defaultSeconds: 5,
    imageFields: ['image_urls'],
  },
  {
    // Reference images keep faces consistent: the slot the character sheet fills.
    id: 'viduq3',
    schema: body({
      duration: { type: 'integer', minimum: 1, maximum: 16, default: 5 },
      aspect_ratio: { type: 'string', enum: ['16:9', '9:16', '1:1', '4:3', '3:4'], default: '16:9' },
      resolution: { type: 'string', enum: ['540p', '720p', '1080p'], default: '720p' },
      first_frame_image: url('The opening frame.'),
      last_frame_image: url('The closing frame.'),
      reference_images: urls(7, 'Reference images: characters, objects, style.'),
    }),
    secondsField: 'duration',
    defaultSeconds: 5,
    imageFields: ['first_frame_image', 'last_frame_image', 'reference_images'],
  },
  {
    // Known only by its schema: no shipped knowledge of it exists anywhere in the app.
    id: 'nova-motion-video-1',
    schema: body({
      seconds: { type: 'integer', minimum: 2, maximum: 20, default: 6 },
      ratio: { type: 'string', enum: ['21:9', '16:9', '1:1'], default: '16:9' },
      quality: { type: 'string', enum: ['draft', 'final'], default: 'draft' },
      start_image: url('The opening frame.'),
      motion_strength: { type: 'number', minimum: 0, maximum: 1 },
      loop: { type: 'boolean', default: false },
      style_preset: { type: 'string', maxLength: 40 },
      // A long list, as a model offering every camera move of its library would send: more than fits a menu.
      camera_preset: {
        type: 'string',
        enum: Array.from({ length: 240 }, (_, index) => `move-${String(index + 1).padStart(3, '0')}`),
        description: 'One of the 240 camera moves.',
      },
    }),
    secondsField: 'seconds',
    defaultSeconds: 6,
    imageFields: ['start_image'],
  },
];

/**
 * Chat, image and music models `/v1/models` lists beside the video ones (no video operation). The music model is
 * listed only: APIMart documents no request shape for music, so Reelbench offers no generation for it.
 */
export const FAKE_OTHER_MODELS: readonly string[] = [
  'suno-v4.5',
  'gpt-4o-mini',
  'claude-sonnet-4-5',
  'gemini-2.5-flash',
  'deepseek-chat',
  'gpt-image-1',
  'flux-kontext-pro',
];
