import type { Shot, Storyboard } from '../../shared/boards/board-models';

/** Boards and shots built in memory for the pure film, subtitle and mix rules. */
const at = '2026-12-07T12:00:00.000Z';
let ids = 0;
const id = () => `00000000-0000-4000-8000-${String((ids += 1)).padStart(12, '0')}`;

export function shot(patch: Partial<Shot> = {}): Shot {
  const jobId = id();
  return {
    id: id(),
    prompt: 'A shot',
    model: 'sora-2-preview',
    params: { duration: 4 },
    camera: null,
    modelExtras: {},
    images: [],
    notes: '',
    continueFromPrevious: false,
    extendsTake: null,
    characterIds: [],
    takes: [{ jobId, itemId: id(), createdAt: at }],
    chosenJobId: jobId,
    trim: { in: 0, out: null },
    sound: { volume: 1, muted: false },
    voiceOver: null,
    dialogue: null,
    ...patch,
  };
}

export function spoken(text: string, seconds: number, voice: 'alloy' | 'onyx' = 'alloy') {
  return {
    text,
    speakerId: null,
    voice: null,
    speed: 1,
    audio: { file: `${'a'.repeat(64)}.wav`, seconds, text, voice, speed: 1 },
  };
}

export function board(shots: Shot[]): Storyboard {
  return {
    id: id(),
    title: 'Coast',
    shots,
    characters: [],
    narratorVoice: 'alloy',
    subtitleStyle: { position: 'bottom', size: 'medium', box: true },
    music: [],
    removed: [],
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
  };
}
