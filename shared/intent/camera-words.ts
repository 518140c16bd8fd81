import type { ParamSpec, VideoModel } from '../catalog/video-model';
import type { CameraIntent, CameraMove } from './intent-models';

/** Values a model's camera field may use for each move, spaces for `-` and `_`. */
const FIELD_WORDS: Readonly<Record<CameraMove, readonly string[]>> = {
  static: ['static', 'fixed', 'still', 'locked', 'none'],
  'push-in': ['push in', 'zoom in', 'dolly in', 'forward', 'push'],
  'pull-out': ['pull out', 'zoom out', 'dolly out', 'backward', 'pull back'],
  'pan-left': ['pan left', 'left'],
  'pan-right': ['pan right', 'right'],
  'tilt-up': ['tilt up', 'up'],
  'tilt-down': ['tilt down', 'down'],
  orbit: ['orbit', 'arc', 'around', 'circle', 'rotate'],
  'crane-up': ['crane up', 'rise', 'pedestal up', 'boom up'],
  'crane-down': ['crane down', 'descend', 'pedestal down', 'boom down'],
  handheld: ['handheld', 'hand held', 'shake'],
};

/** How a move is said in a prompt: a cinematographer's words, which every model's prompting guide uses. */
const PROMPT_WORDS: Readonly<Record<CameraMove, string>> = {
  static: 'static camera, locked-off shot',
  'push-in': 'the camera pushes in',
  'pull-out': 'the camera pulls out',
  'pan-left': 'the camera pans left',
  'pan-right': 'the camera pans right',
  'tilt-up': 'the camera tilts up',
  'tilt-down': 'the camera tilts down',
  orbit: 'the camera orbits around the subject',
  'crane-up': 'crane shot, the camera rises',
  'crane-down': 'crane shot, the camera descends',
  handheld: 'handheld camera',
};

/**
 * Words a family's own guide recommends where they differ: Veo's prompt guide names dolly and arc shots, Kling's
 * describes "the camera zooms in / surrounds", Seedance's speaks of the lens pushing and surrounding.
 */
const FAMILY_WORDS: Readonly<Record<string, Partial<Record<CameraMove, string>>>> = {
  'Veo 3.1': {
    'push-in': 'dolly in shot',
    'pull-out': 'dolly out shot',
    orbit: 'arc shot around the subject',
    handheld: 'handheld shot',
  },
  Kling: {
    'push-in': 'the camera zooms in',
    'pull-out': 'the camera zooms out',
    orbit: 'the camera surrounds the subject',
  },
  Seedance: {
    'push-in': 'the lens pushes in',
    'pull-out': 'the lens pulls back',
    orbit: 'the lens surrounds the subject',
  },
};

/** How a move reads to people: `push in`, `orbit`. */
export const cameraMoveWords = (move: CameraMove): string => move.replace('-', ' ');

/** The prompt phrase for a camera, in the words the model's family recommends, with its strength as an adverb. */
export function cameraPhrase(model: VideoModel, camera: CameraIntent): string {
  const words = FAMILY_WORDS[model.family]?.[camera.move] ?? PROMPT_WORDS[camera.move];
  if (camera.move === 'static' || camera.move === 'handheld')
    return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
  const pace = camera.strength < 0.34 ? 'Slowly, ' : camera.strength > 0.66 ? 'Quickly, ' : '';
  const sentence = pace === '' ? `${words.charAt(0).toUpperCase()}${words.slice(1)}` : `${pace}${words}`;
  return `${sentence}.`;
}

/** The model's parameter that takes a camera move, if its schema has one. */
export function cameraFieldOf(model: VideoModel): ParamSpec | undefined {
  return model.params.find((param) => /camera/i.test(param.name) && param.kind === 'choice');
}

const spaced = (value: string | number) => String(value).toLowerCase().replace(/[-_]+/g, ' ').trim();

/** The camera field's value for a move (its exact words first, then a value they begin: `orbit_left`), if any. */
export function cameraValueFor(param: ParamSpec, move: CameraMove): string | number | undefined {
  if (param.kind !== 'choice') return undefined;
  const words = FIELD_WORDS[move];
  return (
    param.values.find((value) => words.includes(spaced(value))) ??
    param.values.find((value) => words.some((word) => spaced(value).startsWith(`${word} `)))
  );
}

/** The move a camera field's value means, if any: how an older request's camera is read back. */
export function cameraMoveOf(value: string | number | boolean | undefined): CameraMove | null {
  if (value === undefined || typeof value === 'boolean') return null;
  const word = spaced(value);
  const found = (Object.keys(FIELD_WORDS) as CameraMove[]).find((move) => FIELD_WORDS[move].includes(word));
  return found ?? null;
}

/** The model's switch for its own sound (`generate_audio`, `enable_audio`, `sound`, `audio`), if it has one. */
export function soundSwitchOf(model: VideoModel): ParamSpec | undefined {
  return model.params.find((param) => param.kind === 'switch' && /audio|sound/i.test(param.name));
}

/** Words a script or a note uses for each move, longest first where one contains another. */
const NOTE_WORDS: readonly (readonly [string, CameraMove])[] = [
  ['locked-off', 'static'],
  ['static', 'static'],
  ['push in', 'push-in'],
  ['push-in', 'push-in'],
  ['dolly in', 'push-in'],
  ['zoom in', 'push-in'],
  ['pull out', 'pull-out'],
  ['pull back', 'pull-out'],
  ['dolly out', 'pull-out'],
  ['zoom out', 'pull-out'],
  ['pan left', 'pan-left'],
  ['pan right', 'pan-right'],
  ['tilt up', 'tilt-up'],
  ['tilt down', 'tilt-down'],
  ['orbit', 'orbit'],
  ['arc shot', 'orbit'],
  ['crane up', 'crane-up'],
  ['crane down', 'crane-down'],
  ['handheld', 'handheld'],
  ['hand-held', 'handheld'],
];

/**
 * The camera a note describes ("Slow push in on the lamp"), if it names a move: the move named first, its pace read
 * slow when it says "slow" or "gentle", fast for "fast" or "quick". Null when it names none (the note is kept as words).
 */
export function cameraFromWords(note: string): CameraIntent | null {
  const text = note.toLowerCase().slice(0, 1_000);
  let found: { move: CameraMove; at: number } | null = null;
  for (const [words, move] of NOTE_WORDS) {
    const at = text.indexOf(words);
    if (at >= 0 && (found === null || at < found.at)) found = { move, at };
  }
  if (!found) return null;
  const slow = ['slow', 'gentle', 'subtle'].some((word) => text.includes(word));
  const fast = ['fast', 'quick', 'rapid', 'whip'].some((word) => text.includes(word));
  return { move: found.move, strength: slow ? 0.2 : fast ? 0.8 : 0.5 };
}
