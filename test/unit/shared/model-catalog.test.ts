import { describe, expect, it } from 'vitest';
import { findModel, normalizeAspect, outputFrame } from '../../../shared/catalog/catalog-lookup';
import { catalogSchema } from '../../../shared/catalog/catalog-schema';
import { MODEL_CATALOG } from '../../../shared/catalog/model-catalog';
import { toGenerationBody, validateVideoRequest } from '../../../shared/catalog/video-request';

const pro = findModel(MODEL_CATALOG, 'sora-2-pro-preview');
const standard = findModel(MODEL_CATALOG, 'sora-2-preview');

describe('model catalog', () => {
  it('gives the exact output frame for every model, resolution and aspect', () => {
    if (!pro || !standard) throw new Error('catalog is missing a documented model');
    expect(outputFrame(standard, 'standard', 'landscape')).toEqual({ width: 1280, height: 720 });
    expect(outputFrame(standard, 'standard', 'portrait')).toEqual({ width: 720, height: 1280 });
    expect(outputFrame(pro, 'high', 'landscape')).toEqual({ width: 1792, height: 1024 });
    expect(outputFrame(pro, 'high', 'portrait')).toEqual({ width: 1024, height: 1792 });
    expect(outputFrame(standard, 'high', 'landscape')).toBeUndefined();
  });

  it('accepts 16:9 and 9:16 as aliases and has no square', () => {
    expect(normalizeAspect(MODEL_CATALOG, '16:9')).toBe('landscape');
    expect(normalizeAspect(MODEL_CATALOG, ' 9:16 ')).toBe('portrait');
    expect(normalizeAspect(MODEL_CATALOG, 'Portrait')).toBe('portrait');
    expect(normalizeAspect(MODEL_CATALOG, '1:1')).toBeUndefined();
  });

  it('rejects a catalog edit that contradicts itself', () => {
    const [first] = MODEL_CATALOG.models;
    expect(() => catalogSchema.parse({ ...MODEL_CATALOG, models: [{ ...first, defaultDuration: 5 }] })).toThrow(
      /defaultDuration/,
    );
    expect(() => catalogSchema.parse({ ...MODEL_CATALOG, defaultModel: 'nope' })).toThrow(/defaultModel/);
    expect(() => catalogSchema.parse({ ...MODEL_CATALOG, models: [first, first] })).toThrow(/unique/);
  });
});

describe('video requests', () => {
  it('fills defaults and normalizes', () => {
    expect(validateVideoRequest(MODEL_CATALOG, { model: 'sora-2-preview', prompt: ' dusk ' })).toEqual({
      ok: true,
      request: {
        model: 'sora-2-preview',
        prompt: 'dusk',
        duration: 4,
        aspect: 'landscape',
        resolution: 'standard',
        imageUrls: [],
      },
    });
  });

  it('reports every problem with a readable message', () => {
    const result = validateVideoRequest(MODEL_CATALOG, {
      model: 'sora-2-pro-preview',
      prompt: 'x'.repeat(10_001),
      duration: 10,
      aspect: 'square',
      resolution: '4k',
      imageUrls: ['a', 'b'],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { field: 'prompt', message: 'The prompt is 10001 characters long; the limit is 10000.' },
      { field: 'duration', message: 'Sora 2 Pro makes videos of 4, 8 or 12 seconds, not 10.' },
      { field: 'aspect', message: 'Choose landscape (16:9) or portrait (9:16); square videos are not supported.' },
      { field: 'resolution', message: 'Sora 2 Pro offers standard or high resolution, not "4k".' },
      { field: 'imageUrls', message: 'Only one reference image can be used.' },
      { field: 'imageUrls', message: 'A reference image must be uploaded before it can be used.' },
    ]);
  });

  it('points to the pro model when the standard one is asked for high resolution', () => {
    const result = validateVideoRequest(MODEL_CATALOG, { model: 'sora-2-preview', prompt: 'x', resolution: 'high' });
    expect(result).toEqual({
      ok: false,
      issues: [
        { field: 'resolution', message: 'Sora 2 has no resolution choice. Choose Sora 2 Pro for a higher resolution.' },
      ],
    });
  });

  it('names the known models when given an unknown one', () => {
    expect(validateVideoRequest(MODEL_CATALOG, { model: 'veo-3', prompt: 'x' })).toEqual({
      ok: false,
      issues: [{ field: 'model', message: '"veo-3" is not a model Reelbench knows. Choose Sora 2 or Sora 2 Pro.' }],
    });
  });

  it('builds the body with only accepted fields', () => {
    const standardRequest = validateVideoRequest(MODEL_CATALOG, {
      model: 'sora-2-preview',
      prompt: 'p',
      aspect: '9:16',
      imageUrls: ['https://u/i.jpg'],
    });
    const proRequest = validateVideoRequest(MODEL_CATALOG, { model: 'sora-2-pro-preview', prompt: 'p', duration: 8 });
    if (!standardRequest.ok || !proRequest.ok) throw new Error('valid requests were refused');
    expect(toGenerationBody(MODEL_CATALOG, standardRequest.request)).toEqual({
      model: 'sora-2-preview',
      prompt: 'p',
      duration: 4,
      aspect_ratio: 'portrait',
      image_urls: ['https://u/i.jpg'],
    });
    expect(toGenerationBody(MODEL_CATALOG, proRequest.request)).toEqual({
      model: 'sora-2-pro-preview',
      prompt: 'p',
      duration: 8,
      aspect_ratio: 'landscape',
      resolution: 'standard',
    });
  });
});
