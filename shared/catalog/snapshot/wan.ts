import { field, framesOf, seen, type SnapshotModel } from './snapshot-model';
import type { InputSchema } from '../input-schema';

const wanFrames = framesOf({ '480p': [832, 480], '720p': [1280, 720], '1080p': [1920, 1080] }, ['16:9', '9:16', '1:1']);

function wanSchema(durations: readonly number[], images: InputSchema['properties']): InputSchema {
  return {
    type: 'object',
    properties: {
      prompt: field.prompt,
      size: field.choice(['16:9', '9:16', '1:1'], '16:9'),
      resolution: field.choice(['480p', '720p', '1080p'], '720p'),
      duration: field.choice(durations, durations[0]),
      negative_prompt: field.negativePrompt,
      seed: field.integer(0, 2_147_483_647, undefined),
      audio: field.toggle(true, 'Sound with the video.'),
      ...images,
    },
    required: ['prompt'],
  };
}

const firstImage = { image_urls: field.imageUrls(1, 'The first frame.') };

/** Alibaba Wan 2.5 to 2.7. */
export const WAN: readonly SnapshotModel[] = [
  {
    id: 'wan2.5-preview',
    family: 'Wan',
    label: 'Wan 2.5',
    description: 'Alibaba Wan 2.5 (preview): 5 or 10 s, 480p–1080p.',
    price: null,
    frames: wanFrames,
    schema: wanSchema([5, 10], firstImage),
  },
  {
    id: 'wan2.6',
    family: 'Wan',
    label: 'Wan 2.6',
    description: 'Alibaba Wan 2.6: 5, 10 or 15 s, 480p–1080p.',
    price: seen(0.05),
    frames: wanFrames,
    schema: wanSchema([5, 10, 15], firstImage),
  },
  {
    id: 'wan2.7',
    family: 'Wan',
    label: 'Wan 2.7',
    description: 'Alibaba Wan 2.7: first frame, first and last, or a continuation.',
    price: null,
    frames: wanFrames,
    schema: wanSchema([5, 10, 15], {
      first_frame_image: field.imageUrl('The opening frame.'),
      last_frame_image: field.imageUrl('The closing frame.'),
      video_url: { type: 'string', format: 'uri', description: 'A public video to continue.' },
    }),
  },
];
