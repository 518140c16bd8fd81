import { field, framesOf, seen, type SnapshotModel } from './snapshot-model';

const veoFrames = framesOf({ '720p': [1280, 720], '1080p': [1920, 1080], '4K': [3840, 2160] }, ['16:9', '9:16']);

const official = {
  prompt: field.prompt,
  duration: field.choice([4, 6, 8], 8, 'Seconds.'),
  aspect_ratio: field.choice(['16:9', '9:16'], '16:9'),
  resolution: field.choice(['720p', '1080p', '4K'], '720p'),
  first_frame_image: field.imageUrl('The opening frame.'),
  last_frame_image: field.imageUrl('The closing frame (needs a first frame).'),
  negative_prompt: field.negativePrompt,
  seed: field.integer(0, 4_294_967_295, undefined, 'The same seed and prompt give a similar video.'),
  generate_audio: field.toggle(true, 'Sound and dialogue with the video.'),
};

const fast = {
  prompt: field.prompt,
  duration: field.choice([8], 8, 'Seconds (always 8).'),
  aspect_ratio: field.choice(['16:9', '9:16'], '16:9'),
  image_urls: field.imageUrls(2, 'One image: the first frame. Two: the first and the last frame.'),
};

/** Google Veo 3.1, official (frame fields, seed, 4K) and APIMart's own (fixed 8 s, extendable). */
export const VEO: readonly SnapshotModel[] = [
  {
    id: 'veo3.1-fast-official',
    family: 'Veo 3.1',
    label: 'Veo 3.1 Fast',
    description: 'Google Veo 3.1, fast; first and last frame, audio, up to 4K.',
    price: seen(0.08),
    frames: veoFrames,
    schema: { type: 'object', properties: official, required: ['prompt'] },
  },
  {
    id: 'veo3.1-quality-official',
    family: 'Veo 3.1',
    label: 'Veo 3.1 Quality',
    description: 'Google Veo 3.1 at its best quality; first and last frame, audio, up to 4K.',
    price: seen(0.16),
    frames: veoFrames,
    schema: { type: 'object', properties: official, required: ['prompt'] },
  },
  {
    id: 'veo3.1-fast',
    family: 'Veo 3.1',
    label: 'Veo 3.1 Fast (8 s)',
    description: 'Veo 3.1 through APIMart: 8-second clips that can be extended.',
    price: null,
    frames: framesOf({ '720p': [1280, 720] }, ['16:9', '9:16'], true),
    extend: 'remix',
    schema: { type: 'object', properties: fast, required: ['prompt'] },
  },
  {
    id: 'veo3.1-quality',
    family: 'Veo 3.1',
    label: 'Veo 3.1 Quality (8 s)',
    description: 'Veo 3.1 at best quality through APIMart: 8-second clips that can be extended.',
    price: null,
    frames: framesOf({ '720p': [1280, 720] }, ['16:9', '9:16'], true),
    extend: 'remix',
    schema: { type: 'object', properties: fast, required: ['prompt'] },
  },
];
