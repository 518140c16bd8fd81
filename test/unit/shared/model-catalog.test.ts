import { describe, expect, it } from 'vitest';
import { describeSchema } from '../../../shared/catalog/describe-schema';
import { inputSchemaSchema, MAX_ENUM_VALUES } from '../../../shared/catalog/input-schema';
import { applyCommonOptions, coerceParam, validateGeneration } from '../../../shared/catalog/generation-request';
import { legacyParams } from '../../../shared/catalog/legacy-params';
import { defaultModelId, mergeCatalog, SNAPSHOT_CATALOG } from '../../../shared/catalog/model-catalog';
import { findModel, imageSlotsOf, imageTargetOf, paramFor, shapeNamesOf } from '../../../shared/catalog/model-lookup';
import { SNAPSHOT_MODELS } from '../../../shared/catalog/snapshot';
import type { VideoModel } from '../../../shared/catalog/video-model';
import { frameForTarget } from '../../../shared/images/target-frame';

function model(id: string): VideoModel {
  const found = findModel(SNAPSHOT_CATALOG, id);
  if (!found) throw new Error(`the snapshot has no ${id}`);
  return found;
}

describe('the shipped snapshot', () => {
  it('knows the families of the API notes, each with its frames, price and fields', () => {
    const families = new Set(SNAPSHOT_CATALOG.models.map((entry) => entry.family));
    expect([...families]).toEqual(
      expect.arrayContaining([
        'Sora',
        'Veo 3.1',
        'Kling',
        'Seedance',
        'Wan',
        'Hailuo',
        'Vidu',
        'PixVerse',
        'Grok Imagine',
      ]),
    );
    expect(SNAPSHOT_CATALOG.models.every((entry) => entry.state === 'unconfirmed')).toBe(true);
    expect(model('kling-v3').price).toEqual({ perSecond: 0.0672, asOf: '2026-09-24', source: 'shipped' });
    expect(paramFor(model('doubao-seedance-2.0'), 'aspect')?.name).toBe('size');
    expect(paramFor(model('kling-v3'), 'resolution')?.name).toBe('mode');
  });

  it("gives Sora's exact frames, as before", () => {
    const frame = (id: string, params: Record<string, string>) => imageTargetOf(model(id), params);
    expect(frame('sora-2-preview', { aspect_ratio: 'landscape' })).toEqual({
      kind: 'frame',
      frame: { width: 1280, height: 720 },
    });
    expect(frame('sora-2-preview', { aspect_ratio: '9:16' })).toEqual({
      kind: 'frame',
      frame: { width: 720, height: 1280 },
    });
    expect(frame('sora-2-pro-preview', { aspect_ratio: 'landscape', resolution: 'high' })).toEqual({
      kind: 'frame',
      frame: { width: 1792, height: 1024 },
    });
    expect(frame('kling-v3', { aspect_ratio: '1:1', mode: 'pro' })).toEqual({
      kind: 'frame',
      frame: { width: 1080, height: 1080 },
    });
  });

  it('crops to the exact shape where no frame is known, and follows the image where the model does', () => {
    const seedance = model('doubao-seedance-2.0');
    const target = imageTargetOf(seedance, { size: '21:9' });
    expect(target).toEqual({ kind: 'ratio', ratio: { width: 7, height: 3 } });
    expect(frameForTarget(target, { width: 4000, height: 3000 })).toEqual({ width: 1918, height: 822 });
    expect(frameForTarget(target, { width: 700, height: 600 })).toEqual({ width: 700, height: 300 });
    expect(imageTargetOf(seedance, { size: 'adaptive' })).toEqual({ kind: 'adaptive' });
    expect(frameForTarget({ kind: 'adaptive' }, { width: 3000, height: 4000 })).toEqual({ width: 1440, height: 1920 });
    // Hailuo has no shape field: the video takes the image's shape.
    expect(imageTargetOf(model('MiniMax-Hailuo-2.3'), {})).toEqual({ kind: 'adaptive' });
  });
});

describe('a model nobody shipped knowledge of, from its schema alone', () => {
  const reading = describeSchema({
    type: 'object',
    properties: {
      model: { type: 'string' },
      prompt: { type: 'string' },
      clip_seconds: { type: 'integer', minimum: 2, maximum: 9, default: 4 },
      format: { type: 'string', enum: ['landscape', 'portrait', 'square'] },
      tier: { type: 'string', enum: ['std', 'pro'] },
      hdr: { type: 'boolean' },
      style: { type: 'string', maxLength: 30 },
      strength: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
      start_image: { type: 'string', format: 'uri' },
      end_frame: { type: 'string', format: 'uri' },
      image_urls: { type: 'array', items: { type: 'string' }, maxItems: 4, description: 'Subjects to keep.' },
      image_with_roles: {
        type: 'array',
        maxItems: 3,
        items: {
          type: 'object',
          properties: { url: { type: 'string' }, role: { type: 'string', enum: ['first_frame', 'reference'] } },
        },
      },
      shots: { type: 'array', items: { type: 'object' } },
    },
    required: ['prompt', 'tier'],
  });

  it('maps enum to a choice, integer to a range, boolean to a switch, string to text, the rest to JSON', () => {
    const kinds = Object.fromEntries(reading.params.map((param) => [param.name, param.kind]));
    expect(kinds).toEqual({
      clip_seconds: 'number',
      format: 'choice',
      tier: 'choice',
      hdr: 'switch',
      style: 'text',
      strength: 'number',
      shots: 'json',
    });
    expect(reading.params.find((param) => param.name === 'clip_seconds')).toMatchObject({
      integer: true,
      min: 2,
      max: 9,
      default: 4,
    });
    expect(reading.params.find((param) => param.name === 'tier')).toMatchObject({
      required: true,
      meaning: 'resolution',
    });
    expect(reading.params.find((param) => param.name === 'format')?.meaning).toBe('aspect');
    expect(reading.promptField).toBe('prompt');
  });

  it('finds image inputs by field: single frames, a list of references, roles', () => {
    expect(reading.images.map((input) => [input.field, input.shape, input.roles, input.maxItems])).toEqual([
      ['start_image', 'url', ['first'], 1],
      ['end_frame', 'url', ['last'], 1],
      ['image_urls', 'urls', ['reference'], 4],
      ['image_with_roles', 'roles', ['first', 'reference'], 3],
    ]);
  });

  it('reads a list by its description: one image is a first frame, two are first and last', () => {
    const list = (maxItems: number | undefined, description: string) =>
      describeSchema({
        properties: {
          image_urls: { type: 'array', items: { type: 'string' }, ...(maxItems ? { maxItems } : {}), description },
        },
      }).images[0];
    expect(list(undefined, 'Image-to-video reference. Only the first image is used.')).toMatchObject({
      roles: ['first'],
      maxItems: 1,
    });
    expect(list(2, '1 image = first frame; 2 images = first and last frame.')).toMatchObject({
      roles: ['first', 'last'],
    });
    expect(list(7, 'Characters to keep.')).toMatchObject({ roles: ['reference'], maxItems: 7 });
  });
});

describe('a schema with a long list of values', () => {
  const voices = Array.from({ length: 300 }, (_, index) => `voice-${index}`);
  const read = (count: number) =>
    describeSchema(
      inputSchemaSchema.parse({
        properties: {
          prompt: { type: 'string' },
          voice: { type: 'string', enum: Array.from({ length: count }, (_, index) => `voice-${index}`) },
        },
      }),
    ).params.find((param) => param.name === 'voice');

  it('keeps the model and offers all 300 values as a choice (it used to drop the model past 200)', () => {
    expect(read(300)).toMatchObject({ kind: 'choice', values: voices });
  });

  it('past 5,000 values, keeps the field as free text instead of refusing the schema', () => {
    expect(read(MAX_ENUM_VALUES + 1)).toMatchObject({ kind: 'text' });
  });
});

describe('requests', () => {
  it('refuse what the model does not take, naming the field and what it accepts', () => {
    const result = validateGeneration(SNAPSHOT_CATALOG, {
      model: 'veo3.1-fast-official',
      prompt: 'x'.repeat(10_001),
      params: { duration: 5, seed: -1, negative_prompt: 3, colour: 'red' },
      images: [{ role: 'last', url: 'https://u/last.png' }],
    });
    expect(result.ok ? [] : result.issues).toEqual([
      { field: 'prompt', message: 'The prompt is 10001 characters long; the limit is 10000.' },
      { field: 'duration', message: "Veo 3.1 Fast's duration takes 4, 6 or 8, not 5." },
      { field: 'seed', message: "Veo 3.1 Fast's seed takes a whole number from 0 to 4294967295, not -1." },
      { field: 'negative_prompt', message: "Veo 3.1 Fast's negative_prompt takes text, not 3." },
      {
        field: 'colour',
        message: expect.stringContaining('Veo 3.1 Fast has no parameter "colour"; it takes duration, aspect_ratio'),
      },
      { field: 'images', message: 'Veo 3.1 Fast takes a last frame only together with a first frame.' },
    ]);
  });

  it('put --duration, --aspect and --resolution into whatever fields the model uses', () => {
    expect(
      applyCommonOptions(model('doubao-seedance-2.0'), {}, { duration: 7, aspect: 'portrait', resolution: '480P' }),
    ).toEqual({ params: { duration: 7, size: '9:16', resolution: '480p' }, issues: [] });
    expect(applyCommonOptions(model('sora-2-preview'), {}, { aspect: '16:9' }).params).toEqual({
      aspect_ratio: '16:9',
    });
    expect(applyCommonOptions(model('sora-2-preview'), {}, { aspect: '1:1', resolution: 'high' }).issues).toEqual([
      { field: 'aspect', message: 'Sora 2 makes landscape, portrait, 16:9 or 9:16 videos, not 1:1.' },
      { field: 'resolution', message: 'Sora 2 has no resolution choice.' },
    ]);
  });

  it('type --set values by the schema', () => {
    const veo = model('veo3.1-fast-official');
    const param = (name: string) => veo.params.find((entry) => entry.name === name);
    expect(coerceParam(param('seed')!, '42')).toBe(42);
    expect(coerceParam(param('generate_audio')!, 'false')).toBe(false);
    expect(coerceParam(param('duration')!, '6')).toBe(6);
    expect(coerceParam(param('negative_prompt')!, '42')).toBe('42');
  });

  it("turn a Sora-era request's fields into the model's params", () => {
    expect(legacyParams('sora-2-preview', { duration: 8, aspect: 'portrait', resolution: 'standard' })).toEqual({
      duration: 8,
      aspect_ratio: 'portrait',
    });
    expect(legacyParams('sora-2-pro-preview', { duration: 4, aspect: 'landscape', resolution: 'high' })).toEqual({
      duration: 4,
      aspect_ratio: 'landscape',
      resolution: 'high',
    });
  });
});

describe('the merged catalog', () => {
  const now = new Date().toISOString();
  const soraLive = SNAPSHOT_MODELS.find((entry) => entry.id === 'sora-2-preview')?.schema;
  if (!soraLive) throw new Error('no Sora in the snapshot');
  const widened = {
    ...soraLive,
    properties: { ...soraLive.properties, duration: { type: 'integer', enum: [4, 8, 12, 16] } },
  };

  it('lets live allowed values win, keeps unread models unconfirmed, and adds models only the API knows', () => {
    const catalog = mergeCatalog({
      snapshot: SNAPSHOT_MODELS,
      live: new Map([
        ['sora-2-preview', { schema: widened, checkedAt: now }],
        [
          'acme-video-1',
          {
            schema: { properties: { prompt: { type: 'string' }, ratio: { type: 'string', enum: ['16:9', '1:1'] } } },
            checkedAt: now,
          },
        ],
      ]),
      listed: null,
      unavailable: new Set(['sora-2-pro-preview']),
      prices: { 'kling-v3': 0.05 },
    });
    const sora = findModel(catalog, 'sora-2-preview');
    expect(sora?.state).toBe('confirmed');
    expect(paramFor(sora!, 'duration')).toMatchObject({ values: [4, 8, 12, 16] });
    expect(sora?.label).toBe('Sora 2');
    expect(findModel(catalog, 'sora-2-pro-preview')?.state).toBe('unavailable');
    expect(findModel(catalog, 'wan2.6')?.state).toBe('unconfirmed');
    expect(findModel(catalog, 'kling-v3')?.price).toEqual({ perSecond: 0.05, asOf: null, source: 'user' });
    const acme = findModel(catalog, 'acme-video-1');
    expect(acme && shapeNamesOf(acme)).toEqual(['16:9', '1:1']);
    // Each shape once, as the model writes its ratio: Sora's `landscape` is 16:9, Seedance's 21:9 is not "7:3".
    expect(shapeNamesOf(model('sora-2-preview'))).toEqual(['16:9', '9:16']);
    expect(shapeNamesOf(model('doubao-seedance-2.0'))).toEqual([
      '16:9',
      '9:16',
      '1:1',
      '4:3',
      '3:4',
      '21:9',
      'adaptive',
    ]);
    expect(acme && imageSlotsOf(acme)).toEqual({ first: 0, last: 0, reference: 0 });
    expect(validateGeneration(catalog, { model: 'sora-2-pro-preview', prompt: 'x' })).toEqual({
      ok: false,
      issues: [{ field: 'model', message: 'Sora 2 Pro is no longer offered — choose another.' }],
    });
  });

  it('defaults to the last model used while it is offered, else the first of a short list (no longer Sora)', () => {
    expect(defaultModelId(SNAPSHOT_CATALOG, null)).toBe('veo3.1-fast-official');
    expect(defaultModelId(SNAPSHOT_CATALOG, 'wan2.6')).toBe('wan2.6');
    expect(defaultModelId(SNAPSHOT_CATALOG, 'gone-model')).toBe('veo3.1-fast-official');
  });
});
