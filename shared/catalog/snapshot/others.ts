import type { InputSchema } from '../input-schema';
import { field, seen, type SnapshotModel } from './snapshot-model';

const shapes = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3'];

/** MiniMax Hailuo's fields (no shape field: the video takes the first frame's shape), plus a model's own. */
function hailuo(extra: InputSchema['properties']): InputSchema {
  return {
    type: 'object',
    properties: {
      prompt: field.prompt,
      duration: field.choice([6, 10], 6),
      resolution: field.choice(['768P', '1080P'], '768P'),
      first_frame_image: field.imageUrl('The opening frame.'),
      ...extra,
      prompt_optimizer: field.toggle(true, 'Let the model expand the prompt.'),
    },
    required: ['prompt'],
  };
}

/** MiniMax Hailuo, Vidu, PixVerse and Grok Imagine. */
export const OTHERS: readonly SnapshotModel[] = [
  {
    id: 'MiniMax-Hailuo-02',
    family: 'Hailuo',
    label: 'Hailuo 02',
    description: 'MiniMax Hailuo 02: 6 or 10 s; first and last frame; the shape follows the image.',
    price: null,
    schema: hailuo({ last_frame_image: field.imageUrl('The closing frame.') }),
  },
  {
    id: 'MiniMax-Hailuo-2.3',
    family: 'Hailuo',
    label: 'Hailuo 2.3',
    description: 'MiniMax Hailuo 2.3: 6 or 10 s; first frame; the shape follows the image.',
    price: seen(0.0488),
    schema: hailuo({}),
  },
  {
    id: 'viduq3',
    family: 'Vidu',
    label: 'Vidu Q3',
    description: 'Vidu Q3: up to seven reference images for consistent characters.',
    price: null,
    schema: {
      type: 'object',
      properties: {
        prompt: field.prompt,
        duration: field.integer(1, 16, 5),
        aspect_ratio: field.choice(shapes, '16:9'),
        resolution: field.choice(['540p', '720p', '1080p'], '720p'),
        first_frame_image: field.imageUrl('The opening frame.'),
        last_frame_image: field.imageUrl('The closing frame.'),
        reference_images: field.imageUrls(7, 'Reference images: characters, objects, style.'),
      },
      required: ['prompt'],
    },
  },
  {
    id: 'pixverse-v6',
    family: 'PixVerse',
    label: 'PixVerse 6',
    description: 'PixVerse v6: quick and inexpensive, many shapes.',
    price: seen(0.024),
    schema: {
      type: 'object',
      properties: {
        prompt: field.prompt,
        duration: field.choice([5, 8, 10], 5),
        aspect_ratio: field.choice(shapes, '16:9'),
        quality: field.choice(['360p', '540p', '720p', '1080p'], '720p'),
        negative_prompt: field.negativePrompt,
        seed: field.integer(0, 2_147_483_647),
        first_frame_image: field.imageUrl('The opening frame.'),
        last_frame_image: field.imageUrl('The closing frame.'),
      },
      required: ['prompt'],
    },
  },
  {
    id: 'grok-imagine-1.5-video-apimart',
    family: 'Grok Imagine',
    label: 'Grok Imagine 1.5',
    description: 'xAI Grok Imagine video: 1–30 s.',
    price: null,
    schema: {
      type: 'object',
      properties: {
        prompt: field.prompt,
        duration: field.integer(1, 30, 6),
        aspect_ratio: field.choice(shapes, '16:9'),
        image_urls: field.imageUrls(1, 'The first frame.'),
      },
      required: ['prompt'],
    },
  },
];
