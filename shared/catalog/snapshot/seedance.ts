import { field, seen, type SnapshotModel } from './snapshot-model';

const seedance = {
  prompt: field.prompt,
  size: field.choice(['16:9', '9:16', '1:1', '4:3', '3:4', '21:9', 'adaptive'], '16:9', 'adaptive follows the image.'),
  resolution: field.choice(['480p', '720p'], '720p'),
  duration: field.integer(5, 15, 5, 'Seconds.'),
  seed: field.integer(-1, 2_147_483_647, -1, '-1 picks one at random.'),
  generate_audio: field.toggle(true, 'Sound with the video.'),
  first_frame_image: field.imageUrl('The opening frame.'),
  last_frame_image: field.imageUrl('The closing frame (needs a first frame).'),
};

/** ByteDance Seedance 2.0 (shape in `size`, `adaptive` follows the image). */
export const SEEDANCE: readonly SnapshotModel[] = [
  {
    id: 'doubao-seedance-2.0',
    family: 'Seedance',
    label: 'Seedance 2.0',
    description: 'ByteDance Seedance 2.0: six shapes or the image’s own, 480p/720p, 5–15 s.',
    price: seen(0.142),
    schema: { type: 'object', properties: seedance, required: ['prompt'] },
  },
  {
    id: 'doubao-seedance-2.0-fast',
    family: 'Seedance',
    label: 'Seedance 2.0 Fast',
    description: 'The faster Seedance 2.0.',
    price: null,
    schema: { type: 'object', properties: seedance, required: ['prompt'] },
  },
];
