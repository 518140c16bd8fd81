import { diffWordsWithSpace } from 'diff';
import { describe, expect, it } from 'vitest';
import { castShot } from '../../../shared/boards/character-cast';
import type { Shot } from '../../../shared/boards/board-models';
import { SNAPSHOT_CATALOG } from '../../../shared/catalog/model-catalog';
import { findModel } from '../../../shared/catalog/model-lookup';
import type { VideoModel } from '../../../shared/catalog/video-model';
import { applyChanges, changesOf } from '../../../shared/script/refine-changes';
import { answerJson, paramsFromAnswer, readShotAnswer } from '../../../shared/script/shot-answer';

const model = (id: string): VideoModel => {
  const found = findModel(SNAPSHOT_CATALOG, id);
  if (!found) throw new Error(`no ${id} in the snapshot`);
  return found;
};
const diff = (from: string, to: string) =>
  diffWordsWithSpace(from, to).map((part) => ({
    kind: part.added ? ('added' as const) : part.removed ? ('removed' as const) : ('same' as const),
    text: part.value,
  }));
const shot = (patch: Partial<Shot>): Shot => ({
  id: crypto.randomUUID(),
  prompt: 'She waves.',
  model: 'viduq3',
  params: {},
  camera: null,
  modelExtras: {},
  images: [],
  notes: '',
  continueFromPrevious: false,
  extendsTake: null,
  characterIds: [],
  takes: [],
  chosenJobId: null,
  trim: { in: 0, out: null },
  sound: { volume: 1, muted: false },
  voiceOver: null,
  dialogue: null,
  ...patch,
});

describe('a chat answer for a video model', () => {
  const one = (fields: Record<string, unknown>) =>
    JSON.stringify({ characters: [{ name: 'Mara' }], shots: [{ prompt: 'A wave.', ...fields }] });

  it("accepts only the model's durations and shapes, and characters that were introduced", () => {
    const kling = model('kling-v3');
    expect(readShotAnswer(one({ duration: 10, shape: '9:16', characters: ['mara'] }), kling, 10_000).ok).toBe(true);
    expect(readShotAnswer(one({ duration: 16 }), kling, 10_000)).toEqual({
      ok: false,
      problems: ['shots.0.duration: duration must be a whole number from 3 to 15'],
    });
    expect(readShotAnswer(one({ shape: '2:1' }), kling, 10_000)).toMatchObject({ ok: false });
    expect(readShotAnswer(one({ characters: ['Theo'] }), kling, 10_000)).toEqual({
      ok: false,
      problems: ['shots.0.characters: "Theo" is not in the characters list'],
    });
    expect(readShotAnswer('{"shots": []}', kling, 10_000)).toMatchObject({ ok: false });
    expect(readShotAnswer('Sure! Here it is', kling, 10_000)).toMatchObject({ ok: false });
  });

  it('reads JSON out of fences and chatter, and writes the values in the model spelling', () => {
    expect(answerJson('Here:\n```json\n{"a": 1}\n```\nEnjoy')).toEqual({ a: 1 });
    const veo = model('veo3.1-fast-official');
    const read = readShotAnswer(one({ duration: 6, shape: '16:9' }), veo, 10_000);
    if (!read.ok) throw new Error(read.problems.join());
    const [first] = read.answer.shots;
    if (!first) throw new Error('no shot');
    expect(paramsFromAnswer(veo, first)).toEqual({
      duration: 6,
      aspect_ratio: '16:9',
    });
  });
});

describe('characters carried into a request', () => {
  const board = {
    characters: [
      { id: crypto.randomUUID(), name: 'Mara', description: 'grey braid', images: [], voice: null },
      {
        id: crypto.randomUUID(),
        name: 'Theo',
        description: 'red hair',
        images: [{ role: 'reference' as const, path: '/x/theo.png', crop: null }],
        voice: null,
      },
    ],
  };
  const cast = board.characters.map((character) => character.id);

  it('sends pictures where the model takes references and describes the rest in the prompt', () => {
    const vidu = castShot(board, shot({ characterIds: cast }), model('viduq3'));
    expect(vidu).toMatchObject({
      byImage: ['Theo'],
      byDescription: ['Mara'],
      prompt: 'She waves.\n\nMara: grey braid',
    });
    expect(vidu.images).toEqual([{ role: 'reference', path: '/x/theo.png', crop: null }]);
    const veo = 'veo3.1-fast-official';
    const sora = castShot(board, shot({ characterIds: cast, model: veo }), model(veo));
    expect(sora).toMatchObject({ byImage: [], byDescription: ['Mara', 'Theo'], images: [] });
    expect(sora.prompt).toBe('She waves.\n\nMara: grey braid\nTheo: red hair');
  });

  it("names Kling omni's images in the prompt by their place", () => {
    const omni = castShot(board, shot({ characterIds: cast, model: 'kling-v3-omni' }), model('kling-v3-omni'));
    expect(omni.prompt).toBe('She waves.\n\nTheo is <<<image_1>>>.\nMara: grey braid');
  });

  it('leaves an extension alone: it continues its video', () => {
    const extension = shot({ characterIds: cast, extendsTake: { jobId: crypto.randomUUID(), taskId: 't' } });
    expect(castShot(board, extension, model('viduq3'))).toMatchObject({ prompt: 'She waves.', images: [] });
  });
});

describe('a refinement reviewed change by change', () => {
  it('keeps a change only a space apart from the next as one decision, and applies any choice', () => {
    const from = 'A grey-braided woman rows a small boat.';
    const to = 'Wide shot, slow push in: a grey-braided woman rows a small wooden boat.';
    const runs = changesOf(diff(from, to));
    const changes = runs.filter((run) => run.kind === 'change');
    expect(changes).toHaveLength(2);
    expect(applyChanges(runs, new Set())).toBe(from);
    expect(applyChanges(runs, new Set([0, 1]))).toBe(to);
    expect(applyChanges(runs, new Set([1]))).toBe('A grey-braided woman rows a small wooden boat.');
  });
});
