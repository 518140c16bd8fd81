import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
let app: AppHarness;
afterEach(async () => {
  await app.close();
});
afterAll(closeBrowser);

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

async function boxOf(selector: string): Promise<Box> {
  const box = await app.page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  return box;
}

/** How far the workbench's content reaches past the visible width of its panel (0 = nothing cut off or scrolled). */
function horizontalOverflow(): Promise<number> {
  return app.page.evaluate(() => {
    const panel = (
      globalThis as unknown as {
        document: { querySelector(s: string): { scrollWidth: number; clientWidth: number } | null };
      }
    ).document.querySelector('.view-panel');
    return panel ? panel.scrollWidth - panel.clientWidth : Number.NaN;
  });
}

describe('workbench layout across window widths', () => {
  it('shows three columns on a wide window and stacks the image above the prompt at the minimum width, never scrolling sideways', async () => {
    app = await launchApp({ apiBaseUrl: 'http://127.0.0.1:9' });
    const { page } = app;
    await page.getByTestId('prompt').waitFor();

    await page.setViewportSize({ width: 1280, height: 800 });
    let prompt = await boxOf('[data-testid="prompt"]');
    let image = await boxOf('.reference-image');
    expect(image.x).toBeGreaterThanOrEqual(prompt.x + prompt.width);
    await expect(horizontalOverflow()).resolves.toBe(0);

    await page.setViewportSize({ width: 900, height: 600 }); // the window's minimum size
    await page.waitForFunction(() => (globalThis as unknown as { innerWidth: number }).innerWidth === 900);
    prompt = await boxOf('[data-testid="prompt"]');
    image = await boxOf('.reference-image');
    const drafts = await boxOf('[data-testid="drafts-panel"]');
    expect(image.y + image.height).toBeLessThanOrEqual(prompt.y);
    expect(Math.abs(image.x - prompt.x)).toBeLessThan(1);
    expect(drafts.x + drafts.width).toBeLessThanOrEqual(prompt.x);
    await expect(horizontalOverflow()).resolves.toBe(0);
    await expect.poll(() => page.getByTestId('generate').isVisible()).toBe(true);

    await mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'workbench-narrow.png'), fullPage: true });
    expect(app.pageErrors).toEqual([]);
  });
});
