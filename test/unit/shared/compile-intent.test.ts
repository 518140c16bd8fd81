import { describe, expect, it } from 'vitest';
import { mergeCatalog, SNAPSHOT_CATALOG } from '../../../shared/catalog/model-catalog';
import { SNAPSHOT_MODELS } from '../../../shared/catalog/snapshot';
import { validateGeneration } from '../../../shared/catalog/generation-request';
import type { InputSchema } from '../../../shared/catalog/input-schema';
import { compileIntent } from '../../../shared/intent/compile-intent';
import type { IntentImage, ShotIntent } from '../../../shared/intent/intent-models';
import { readIntent } from '../../../shared/intent/read-intent';
import { cameraFromWords } from '../../../shared/intent/camera-words';
import { FAKE_VIDEO_MODELS } from '../../fake-apimart/fake-models';

// The live catalog: every model the fake serves, read from its schema as the app reads APIMart's.
const LIVE = mergeCatalog({
  snapshot: SNAPSHOT_MODELS,
  live: new Map(
    FAKE_VIDEO_MODELS.map((model) => [
      model.id,
      { schema: model.schema as unknown as InputSchema, checkedAt: '2026-12-07T00:00:00Z' },
    ]),
  ),
  listed: null,
  unavailable: new Set(),
  prices: {},
});

const image = (role: IntentImage['role'], name: string, describedAs?: string): IntentImage => ({
  role,
  path: `https://files.example/${name}.png`,
  crop: null,
  describedAs,
});

const intent = (overrides: Partial<ShotIntent> = {}): ShotIntent => ({
  prompt: 'A lighthouse keeper climbs the stairs at dusk.',
  seconds: 12,
  shape: '16:9',
  resolution: 'full-hd',
  camera: { move: 'orbit', strength: 0.5 },
  sound: true,
  images: [image('first', 'opening'), image('last', 'closing')],
  ...overrides,
});

/** Compiles and checks that the model would accept the request as sent (what the fake validates too). */
function compiled(catalog: typeof LIVE, modelId: string, wanted: ShotIntent = intent()) {
  const result = compileIntent(catalog, wanted, modelId);
  if (!result) throw new Error(`no model ${modelId}`);
  const checked = validateGeneration(catalog, {
    model: result.model,
    prompt: result.prompt,
    params: result.params,
    images: result.images.map(({ role, path }) => ({ role, url: path })),
  });
  expect(checked.ok ? [] : checked.issues).toEqual([]);
  return result;
}

const change = (result: ReturnType<typeof compiled>, what: string) =>
  result.changes.filter((entry) => entry.what === what);

describe('compiling a shot intent to each family (live schemas from the fake)', () => {
  it('Veo 3.1: 12 s snaps to 8, 1080p kept, sound into generate_audio, the orbit as an arc shot in the prompt', () => {
    const result = compiled(LIVE, 'veo3.1-fast-official');
    expect(result.params).toEqual({ duration: 8, aspect_ratio: '16:9', resolution: '1080p', generate_audio: true });
    expect(change(result, 'duration')).toEqual([
      { what: 'duration', from: '12 s', to: '8 s', why: 'Veo 3.1 Fast offers 4, 6 or 8 s' },
    ]);
    expect(change(result, 'camera')).toEqual([
      { what: 'camera', from: 'orbit', to: 'prompt phrase', why: 'no camera field' },
    ]);
    expect(result.prompt).toBe('A lighthouse keeper climbs the stairs at dusk.\n\nArc shot around the subject.');
    expect(result.images.map((entry) => entry.role)).toEqual(['first', 'last']);
  });

  it('Kling 3: any length from 3 to 15 kept, full HD is mode pro, the live audio switch is enable_audio', () => {
    const result = compiled(LIVE, 'kling-v3');
    expect(result.params).toEqual({ duration: 12, aspect_ratio: '16:9', mode: 'pro', enable_audio: true });
    expect(change(result, 'duration')).toEqual([]);
    expect(change(result, 'resolution')).toEqual([]);
    expect(result.prompt).toContain('The camera surrounds the subject.');
  });

  it('Seedance 2.0: full HD is not offered, 720p is the nearest; 21:9 kept in size', () => {
    const result = compiled(LIVE, 'doubao-seedance-2.0', intent({ shape: '21:9', seconds: 4 }));
    expect(result.params).toMatchObject({ size: '21:9', resolution: '720p', duration: 5, generate_audio: true });
    expect(change(result, 'resolution')).toEqual([
      { what: 'resolution', from: 'full HD', to: '720p', why: 'Seedance 2.0 offers 480p or 720p' },
    ]);
    expect(change(result, 'duration')[0]).toMatchObject({ from: '4 s', to: '5 s' });
    expect(result.prompt).toContain('The lens surrounds the subject.');
  });

  it('Wan 2.6: 12 s is between 10 and 15 and goes to 10; the last frame has no slot', () => {
    const result = compiled(LIVE, 'wan2.6');
    expect(result.params).toMatchObject({ duration: 10, size: '16:9', resolution: '1080p', audio: true });
    expect(change(result, 'duration')[0]).toMatchObject({ to: '10 s', why: 'Wan 2.6 offers 5, 10 or 15 s' });
    expect(change(result, 'images')).toEqual([
      { what: 'images', from: 'last frame', to: null, why: 'Wan 2.6 has no last-frame slot' },
    ]);
    expect(result.images.map((entry) => entry.role)).toEqual(['first']);
  });

  it('Sora 2: 16:9 as the live schema spells it, no sound switch said, 12 s offered', () => {
    const result = compiled(LIVE, 'sora-2-preview');
    expect(result.params).toEqual({ duration: 12, aspect_ratio: '16:9' });
    expect(change(result, 'sound')).toEqual([
      {
        what: 'sound',
        from: 'sound on',
        to: null,
        why: 'Sora 2 has no sound switch; it does what it always does',
      },
    ]);
    expect(change(result, 'resolution')).toEqual([
      { what: 'resolution', from: 'full HD', to: null, why: 'Sora 2 has no resolution choice' },
    ]);
  });

  it('Vidu Q3: references fill its 7 slots; an 8th with words is described, one without is left out', () => {
    const references = Array.from({ length: 9 }, (_, index) =>
      image('reference', `ref-${index + 1}`, index === 7 ? 'Mara: a tall woman in a red coat' : undefined),
    );
    const result = compiled(LIVE, 'viduq3', intent({ images: [image('first', 'opening'), ...references] }));
    expect(result.images.filter((entry) => entry.role === 'reference')).toHaveLength(7);
    expect(change(result, 'images')).toEqual([
      { what: 'images', from: '8th reference', to: 'described', why: '7 slots' },
      { what: 'images', from: '9th reference', to: null, why: '7 slots' },
    ]);
    expect(result.prompt).toContain('\nMara: a tall woman in a red coat');
  });

  it('Hailuo (shipped schema only): 12 s → 10 s of 6 or 10, and 16:9 is left to the image', () => {
    const result = compiled(SNAPSHOT_CATALOG, 'MiniMax-Hailuo-2.3', intent({ images: [image('first', 'opening')] }));
    expect(change(result, 'duration')[0]).toMatchObject({ from: '12 s', to: '10 s' });
    expect(result.params['duration']).toBe(10);
  });

  it('the schema-only model: its camera_preset has no orbit (a phrase instead), seconds and ratio in its own names', () => {
    const result = compiled(LIVE, 'nova-motion-video-1', intent({ seconds: 30 }));
    expect(result.params).toMatchObject({ seconds: 20, ratio: '16:9' });
    // Its quality tier "final" names no sharpness: nothing is guessed, the nearest named one is used and said.
    expect(result.params['quality']).toBe('draft');
    expect(change(result, 'resolution')).toEqual([
      {
        what: 'resolution',
        from: 'full HD',
        to: 'draft',
        why: 'nova-motion-video-1 offers draft or final',
      },
    ]);
    expect(change(result, 'camera')).toEqual([
      { what: 'camera', from: 'orbit', to: 'prompt phrase', why: 'camera_preset has no orbit' },
    ]);
    expect(change(result, 'images')).toEqual([
      { what: 'images', from: 'last frame', to: null, why: 'nova-motion-video-1 has no last-frame slot' },
    ]);
  });

  it('a model whose camera field names the move gets the value, and nothing in the prompt', () => {
    const withCamera = mergeCatalog({
      snapshot: [],
      live: new Map([
        [
          'acme-cam-1',
          {
            checkedAt: '2026-12-07T00:00:00Z',
            schema: {
              type: 'object',
              properties: {
                prompt: { type: 'string' },
                camera_motion: { type: 'string', enum: ['none', 'zoom_in', 'zoom_out', 'orbit_left'] },
              },
            },
          },
        ],
      ]),
      listed: null,
      unavailable: new Set(),
      prices: {},
    });
    const pushed = compiled(withCamera, 'acme-cam-1', intent({ camera: { move: 'push-in', strength: 0.9 } }));
    expect(pushed.params['camera_motion']).toBe('zoom_in');
    expect(pushed.prompt).toBe('A lighthouse keeper climbs the stairs at dusk.');
    expect(compiled(withCamera, 'acme-cam-1', intent()).params['camera_motion']).toBe('orbit_left');
    // Read back, the field is the camera again: an old request migrates into intent.
    const read = readIntent(withCamera, {
      model: 'acme-cam-1',
      params: { camera_motion: 'zoom_out' },
      prompt: 'x',
      images: [],
    });
    expect(read.intent.camera).toEqual({ move: 'pull-out', strength: 0.5 });
    expect(read.extras).toEqual({});
  });

  it('strength reads as pace in the phrase: slow, plain, quick', () => {
    const phrase = (strength: number) =>
      compiled(LIVE, 'wan2.6', intent({ camera: { move: 'push-in', strength } })).prompt.split('\n\n')[1];
    expect([phrase(0.1), phrase(0.5), phrase(0.9)]).toEqual([
      'Slowly, the camera pushes in.',
      'The camera pushes in.',
      'Quickly, the camera pushes in.',
    ]);
  });
});

describe('reading old requests back into intent and extras', () => {
  it('a Veo draft reads as seconds, shape, resolution and sound; its seed and negative prompt are extras', () => {
    const read = readIntent(LIVE, {
      model: 'veo3.1-fast-official',
      params: {
        duration: 6,
        aspect_ratio: '9:16',
        resolution: '4K',
        seed: 42,
        negative_prompt: 'text',
        generate_audio: false,
      },
      prompt: 'p',
      images: [],
    });
    expect(read.intent).toMatchObject({ seconds: 6, shape: '9:16', resolution: '4k', sound: false, camera: null });
    expect(read.extras).toEqual({ seed: 42, negative_prompt: 'text' });
  });

  it('an untouched draft reads as the model’s defaults, its sound as "the model’s own"', () => {
    const read = readIntent(LIVE, { model: 'kling-v3', params: {}, prompt: 'p', images: [] });
    expect(read.intent).toMatchObject({ seconds: 5, shape: '16:9', resolution: 'hd', sound: null });
  });

  it('round trip: extras come back when the same model is chosen again, and refused ones are named', () => {
    const read = readIntent(LIVE, {
      model: 'veo3.1-fast-official',
      params: { seed: 4294967295, negative_prompt: 'blur' },
      prompt: 'p',
      images: [],
    });
    const onKling = compileIntent(LIVE, read.intent, 'kling-v3', read.extras);
    expect(onKling?.params).toMatchObject({ negative_prompt: 'blur' });
    expect(onKling?.params['seed']).toBeUndefined();
    const onSeedance = compileIntent(LIVE, read.intent, 'doubao-seedance-2.0', read.extras);
    expect(onSeedance?.changes).toContainEqual({
      what: 'seed',
      from: '4294967295',
      to: null,
      why: "Seedance 2.0's seed no longer takes it",
    });
    const back = compileIntent(LIVE, read.intent, 'veo3.1-fast-official', read.extras);
    expect(back?.params).toMatchObject({ seed: 4294967295, negative_prompt: 'blur' });
  });

  it('an unknown model compiles to nothing and reads as its params kept whole', () => {
    expect(compileIntent(LIVE, intent(), 'no-such-model')).toBeNull();
    expect(readIntent(LIVE, { model: 'gone', params: { a: 1 }, prompt: 'p', images: [] }).extras).toEqual({ a: 1 });
  });
});

describe('a camera from a note’s words (the script breakdown’s camera line)', () => {
  it('reads the first move named and its pace; a note naming none gives none', () => {
    expect(cameraFromWords('Slow push in on the lamp, then hold')).toEqual({ move: 'push-in', strength: 0.2 });
    expect(cameraFromWords('Whip pan right to the door')).toEqual({ move: 'pan-right', strength: 0.8 });
    expect(cameraFromWords('Handheld, following her; later a crane up')).toEqual({ move: 'handheld', strength: 0.5 });
    expect(cameraFromWords('Wide shot of the bay')).toBeNull();
  });
});

describe('every model the app knows, shipped and live', () => {
  const catalogs = [
    ['shipped', SNAPSHOT_CATALOG],
    ['live', LIVE],
  ] as const;
  it.each(catalogs.flatMap(([name, catalog]) => catalog.models.map((model) => [name, model.id] as const)))(
    '%s %s: a full intent compiles to a request the model accepts, and every difference is listed',
    (name, id) => {
      const catalog = name === 'shipped' ? SNAPSHOT_CATALOG : LIVE;
      const wanted = intent({
        images: [image('first', 'a'), image('last', 'b'), image('reference', 'c', 'Mara in a red coat')],
      });
      const result = compiled(catalog, id, wanted);
      // Whatever was not placed as asked is named: images kept + images listed as moved or dropped = images asked.
      const imageChanges = change(result, 'images');
      expect(result.images.length + imageChanges.filter((entry) => entry.to !== 'reference').length).toBe(3);
      // A camera is always carried: in a field, or as words the prompt gained.
      expect(result.prompt.length > wanted.prompt.length || change(result, 'camera').length === 0).toBe(true);
    },
  );
});
