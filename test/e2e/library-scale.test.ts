import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { generateLibrary } from '../support/generate-library';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';

let app: AppHarness;
afterEach(async () => {
  await app.close();
});
afterAll(closeBrowser);

describe('the library grid at scale', () => {
  it('keeps fewer than 300 DOM nodes in the grid with 10,000 videos, wherever it is scrolled', async () => {
    app = await launchApp({
      beforeOpen: async (root) => generateLibrary(root, 10_000, path.join(root, '..', '..', 'data', 'cache', 'posters')),
    });
    const { page } = app;
    await page.getByTestId('nav-library').click();
    await page.getByText('10,000 videos').waitFor({ timeout: 60_000 });
    await page.getByTestId('library-card').first().waitFor();
    const counts: number[] = [];
    for (const fraction of [0, 0.25, 0.5, 0.999]) {
      await page.evaluate(`(() => { const grid = document.querySelector('[data-testid="library-grid"]'); grid.scrollTop = grid.scrollHeight * ${fraction}; })()`);
      await page.waitForTimeout(300);
      await page.getByTestId('library-card').first().waitFor();
      counts.push(Number(await page.evaluate(`document.querySelector('[data-testid="library-grid"]').querySelectorAll('*').length`)));
    }
    expect(Math.max(...counts)).toBeLessThan(300);
    expect(Math.min(...counts)).toBeGreaterThan(20);
    // The last page is reachable: its last card is rendered.
    await page.getByText(/^★ Clip 0 fox$/).waitFor();
  }, 120_000);
});
