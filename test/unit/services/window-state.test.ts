import { describe, expect, it } from 'vitest';
import { fitToDisplays, MIN_WINDOW_SIZE, type WindowState } from '../../../electron/services/window/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const external = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('fitting a saved window to the current displays', () => {
  it('keeps a position that is still on a display', () => {
    const saved: WindowState = { x: 1600, y: 100, width: 1400, height: 900, maximized: false };
    expect(fitToDisplays(saved, [laptop, external])).toEqual(saved);
  });

  it('drops the position when its display is gone, and shrinks to fit what is left', () => {
    const saved: WindowState = { x: 1600, y: 100, width: 2000, height: 1200, maximized: true };
    expect(fitToDisplays(saved, [laptop])).toEqual({ width: 1440, height: 875, maximized: true });
  });

  it('drops a position whose title bar is off screen even when part of the window shows', () => {
    const saved: WindowState = { x: 100, y: -500, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(saved, [laptop])).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('never goes below the minimum size unless the display itself is smaller', () => {
    const tiny = { x: 0, y: 0, width: 800, height: 500 };
    const saved: WindowState = { width: 1280, height: 820, maximized: false };
    expect(fitToDisplays(saved, [tiny])).toEqual({ width: 800, height: 500, maximized: false });
    expect(fitToDisplays(saved, [laptop]).width).toBeGreaterThanOrEqual(MIN_WINDOW_SIZE.width);
  });

  it('leaves the state alone when no display is reported', () => {
    const saved: WindowState = { x: 5, y: 5, width: 1000, height: 700, maximized: false };
    expect(fitToDisplays(saved, [])).toEqual(saved);
  });
});
