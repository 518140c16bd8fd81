import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';
import { boxOf as boxOfIn } from './harness/boxes';

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
let app: AppHarness;
afterEach(async () => {
  await app.close();
});
afterAll(closeBrowser);

const boxOf = (selector: string) => boxOfIn(app.page, selector);

/** How far the window's content reaches past its visible size: the page itself must never scroll. */
function pageOverflow(): Promise<{ x: number; y: number }> {
  return app.page.evaluate(() => {
    const root = (
      globalThis as unknown as {
        document: {
          scrollingElement: { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number };
        };
      }
    ).document.scrollingElement;
    return { x: root.scrollWidth - root.clientWidth, y: root.scrollHeight - root.clientHeight };
  });
}

async function resize(width: number, height: number): Promise<void> {
  await app.page.setViewportSize({ width, height });
  await app.page.waitForFunction(
    (expected) => (globalThis as unknown as { innerWidth: number }).innerWidth === expected,
    width,
  );
}

describe('workbench layout across window widths', () => {
  it('shows three columns from 1280 px to 2560 px and two at the 900 px minimum, the page never scrolling and Generate always in view', async () => {
    app = await launchApp({ apiBaseUrl: 'http://127.0.0.1:9' });
    const { page } = app;
    await page.getByTestId('prompt').waitFor();
    await page.getByTestId('prompt').fill('A long prompt line\n'.repeat(60));

    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
      [2560, 1440],
    ] as const) {
      await resize(width, height);
      const prompt = await boxOf('[data-testid="prompt"]');
      const image = await boxOf('.reference-image');
      const generate = await boxOf('[data-testid="generate"]');
      const panel = await boxOf('.view-panel');
      // Images beside the prompt, filling the width: no dead column on a wide screen.
      expect(image.x).toBeGreaterThanOrEqual(prompt.x + prompt.width);
      expect(panel.x + panel.width - (image.x + image.width)).toBeLessThan(40);
      expect(generate.y + generate.height).toBeLessThanOrEqual(height);
      await expect(pageOverflow()).resolves.toEqual({ x: 0, y: 0 });
    }

    await resize(900, 600); // the window's minimum size
    const drafts = await boxOf('[data-testid="drafts-panel"]');
    const prompt = await boxOf('[data-testid="prompt"]');
    expect(drafts.x + drafts.width).toBeLessThanOrEqual(prompt.x);
    // The images join the centre column, under the controls, reached by scrolling that column only.
    await page.locator('.reference-image').scrollIntoViewIfNeeded();
    const image = await boxOf('.reference-image');
    expect(Math.abs(image.x - prompt.x)).toBeLessThan(20);
    await expect(pageOverflow()).resolves.toEqual({ x: 0, y: 0 });
    const generate = await boxOf('[data-testid="generate"]');
    expect(generate.y + generate.height).toBeLessThanOrEqual(600);
    await expect.poll(() => page.getByTestId('generate').isVisible()).toBe(true);

    await mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'workbench-narrow.png') });
    expect(app.pageErrors).toEqual([]);
  });
});
