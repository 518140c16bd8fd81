import { field, framesOf, seen, type SnapshotModel } from './snapshot-model';

const klingFrames = framesOf({ std: [1280, 720], pro: [1920, 1080], '4k': [3840, 2160] }, ['16:9', '9:16', '1:1']);

const common = {
  prompt: field.prompt,
  mode: field.choice(['std', 'pro', '4k'], 'std', 'std is 720p, pro 1080p.'),
  duration: field.integer(3, 15, 5, 'Seconds.'),
  aspect_ratio: field.choice(['16:9', '9:16', '1:1'], '16:9'),
  negative_prompt: field.negativePrompt,
  sound: field.toggle(false, 'Generate sound with the video.'),
};

/** Kling 3 and Kling 3 Omni (images by role). */
export const KLING: readonly SnapshotModel[] = [
  {
    id: 'kling-v3',
    family: 'Kling',
    label: 'Kling 3',
    description: 'Kling v3: 3–15 s, square too; first and last frame.',
    price: seen(0.0672),
    frames: klingFrames,
    schema: {
      type: 'object',
      properties: {
        ...common,
        image_urls: field.imageUrls(2, 'One image: the first frame. Two: the first and the last frame.'),
        multi_prompt: {
          type: 'array',
          items: { type: 'object', properties: { prompt: { type: 'string' }, duration: { type: 'integer' } } },
          description: 'Several shots in one video, each with its own prompt and length.',
        },
      },
      required: ['prompt'],
    },
  },
  {
    id: 'kling-v3-omni',
    family: 'Kling',
    label: 'Kling 3 Omni',
    description: 'Kling v3 with images by role: first frame, last frame and references named in the prompt.',
    price: null,
    frames: klingFrames,
    schema: {
      type: 'object',
      properties: {
        ...common,
        image_with_roles: {
          type: 'array',
          maxItems: 7,
          items: {
            type: 'object',
            properties: {
              url: { type: 'string', format: 'uri' },
              role: { type: 'string', enum: ['first_frame', 'last_frame', 'reference'] },
            },
            required: ['url', 'role'],
          },
          description: 'Images by role; refer to image N as <<<image_N>>> in the prompt.',
        },
      },
      required: ['prompt'],
    },
  },
];
