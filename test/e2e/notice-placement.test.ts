import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';
import { boxOf as boxOfIn, overlaps } from './harness/boxes';

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
let app: AppHarness;
afterEach(async () => app.close());
afterAll(closeBrowser);

const boxOf = (page: Page, testId: string) => boxOfIn(page, `[data-testid="${testId}"]`);

describe('notices never cover the controls', () => {
  it('a notice sits above the Generate bar and the shot inspector’s button, at 1280×800 and 1920×1080', async () => {
    app = await launchApp({ apiBaseUrl: 'http://127.0.0.1:9' });
    const { page } = app;
    await mkdir(RESULTS, { recursive: true });
    await page.getByTestId('prompt').waitFor();
    await page.getByTestId('prompt').fill('A lighthouse keeper climbs the stairs at dusk');
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      // A model switch that changes a setting says so in a notice (Veo's 8 s → Sora's nearest, 8 s, or 4 s).
      await page.getByTestId('model').click();
      await page.getByTestId(width === 1280 ? 'model-option-wan2.6' : 'model-option-sora-2-preview').click();
      const notice = page.getByTestId('workbench-notice').last();
      await notice.waitFor();
      await expect
        .poll(async () => overlaps(await boxOf(page, 'workbench-notice'), await boxOf(page, 'generate')))
        .toBe(false);
      // Still in the window, and Generate can be pressed while the notice shows.
      const box = await boxOf(page, 'workbench-notice');
      expect(box.y).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(RESULTS, `notice-workbench-${width}.png`) });
      await page.getByTestId('generate').click({ trial: true });
      for (const dismiss of await page.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click();
    }

    await page.getByTestId('nav-boards').click();
    await page.getByTestId('boards-empty').getByRole('button', { name: 'New storyboard' }).click();
    await page.getByTestId('board-editor').waitFor();
    const cards = page.getByTestId('shot-card');
    for (const prompt of ['The keeper climbs', 'The lamp turns']) {
      await page.getByTestId('shot-add').click();
      await page.getByTestId('shot-prompt').fill(prompt);
    }
    await expect.poll(() => cards.count()).toBe(2);
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await cards.nth(1).focus();
      await page.keyboard.press('Delete');
      await page.getByTestId('shot-deleted').waitFor();
      await expect
        .poll(async () => overlaps(await boxOf(page, 'shot-deleted'), await boxOf(page, 'shot-generate')))
        .toBe(false);
      await page.screenshot({ path: path.join(RESULTS, `notice-inspector-${width}.png`) });
      await page.getByTestId('shot-undo').click();
      await expect.poll(() => cards.count()).toBe(2);
    }
  });
});
