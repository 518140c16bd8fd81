import { describe, expect, it } from 'vitest';
import { cropRectangle, normalizeRect, ratioLabel } from '../../../shared/images/crop-geometry';

const landscape = { width: 1280, height: 720 };
const proHigh = { width: 1792, height: 1024 };

describe('crop geometry', () => {
  it('labels ratios in lowest terms', () => {
    expect(ratioLabel(landscape)).toBe('16:9');
    expect(ratioLabel({ width: 720, height: 1280 })).toBe('9:16');
    expect(ratioLabel(proHigh)).toBe('7:4');
  });

  it('takes the largest centred window by default', () => {
    expect(cropRectangle(1920, 1080, landscape)).toEqual({ left: 0, top: 0, width: 1920, height: 1080 });
    expect(cropRectangle(4000, 3000, landscape)).toEqual({ left: 0, top: 375, width: 4000, height: 2250 });
    expect(cropRectangle(3000, 4000, landscape)).toEqual({ left: 0, top: 1156, width: 3000, height: 1688 });
    expect(cropRectangle(4000, 3000, proHigh)).toEqual({ left: 0, top: 357, width: 4000, height: 2286 });
  });

  it('keeps a UI rectangle centre and width, re-locks the ratio, and keeps it inside the image', () => {
    expect(cropRectangle(1920, 1080, landscape, { x: 0.25, y: 0.25, width: 0.5, height: 0.5 })).toEqual({
      left: 480,
      top: 270,
      width: 960,
      height: 540,
    });
    // Pushed past the bottom-right corner: moved back inside.
    expect(cropRectangle(1920, 1080, landscape, { x: 0.9, y: 0.9, width: 0.5, height: 0.5 })).toEqual({
      left: 960,
      top: 540,
      width: 960,
      height: 540,
    });
    // Wider than the image allows at this ratio: shrunk to fit.
    expect(cropRectangle(1000, 1000, landscape, { x: 0, y: 0, width: 1, height: 0.2 })).toEqual({
      left: 0,
      top: 0,
      width: 1000,
      height: 563,
    });
  });

  it('survives hostile numbers', () => {
    for (const crop of [
      { x: Number.NaN, y: 0, width: 0.5, height: 0.5 },
      { x: 0, y: 0, width: Number.POSITIVE_INFINITY, height: 1 },
      { x: -5, y: 9, width: -1, height: 0 },
    ]) {
      const rect = cropRectangle(1920, 1080, landscape, crop);
      expect(rect.left).toBeGreaterThanOrEqual(0);
      expect(rect.top).toBeGreaterThanOrEqual(0);
      expect(rect.left + rect.width).toBeLessThanOrEqual(1920);
      expect(rect.top + rect.height).toBeLessThanOrEqual(1080);
      expect(rect.width / rect.height).toBeCloseTo(16 / 9, 1);
    }
  });

  it('round-trips through normalized coordinates', () => {
    const rect = cropRectangle(1920, 1080, landscape, { x: 0.1, y: 0.2, width: 0.4, height: 0.4 });
    expect(cropRectangle(1920, 1080, landscape, normalizeRect(1920, 1080, rect))).toEqual(rect);
  });
});
