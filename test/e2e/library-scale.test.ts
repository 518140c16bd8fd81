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
  it('keeps its scroll position and its cards, showing the edited video, when the library changes while scrolled far down', async () => {
    app = await launchApp({ beforeOpen: async (root) => generateLibrary(root, 1_000) });
    const { page } = app;
    await page.getByTestId('nav-library').click();
    await page.getByText('1,000 videos').waitFor({ timeout: 60_000 });
    await page.evaluate(
      `(() => { const grid = document.querySelector('[data-testid="library-grid"]'); grid.scrollTop = grid.scrollHeight * 0.8; })()`,
    );
    // A function, not a string: the page's CSP refuses to evaluate strings when Playwright has to poll.
    await page.waitForFunction(() => {
      const { document } = globalThis as unknown as {
        document: { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> };
      };
      const cards = Array.from(document.querySelectorAll('[data-testid="library-card"]'));
      return cards.length > 0 && cards.every((card) => (card.textContent ?? '').trim() !== '');
    });
    const scrolled = Number(await page.evaluate(`document.querySelector('[data-testid="library-grid"]').scrollTop`));
    const inView = String(
      await page.evaluate(`document.querySelector('[data-testid="library-card"] .card-title').textContent`),
    ).replace(/^★\s*/, '');
    const target = app.library
      .current()
      .list({ search: `"${inView}"`, sort: 'relevance', limit: 5 })
      .items.find((item) => item.title === inView);
    if (!target) throw new Error(`no item found for the card "${inView}"`);

    // A change from outside the page: the item is renamed and the library tells the window.
    await app.library.current().update(target.id, { title: 'Renamed far down the list' });
    app.events.emit('library.changed', await app.library.current().reconcile());
    await page.getByText('Renamed far down the list').waitFor();
    expect(Number(await page.evaluate(`document.querySelector('[data-testid="library-grid"]').scrollTop`))).toBe(
      scrolled,
    );
    // No card waits for its page: the pages in view were read again, not dropped.
    expect(Number(await page.evaluate(`document.querySelectorAll('.library-card.pending').length`))).toBe(0);
  }, 120_000);

  it('keeps fewer than 300 DOM nodes in the grid with 10,000 videos, wherever it is scrolled', async () => {
    app = await launchApp({
      beforeOpen: async (root) =>
        generateLibrary(root, 10_000, path.join(root, '..', '..', 'data', 'cache', 'posters')),
    });
    const { page } = app;
    await page.getByTestId('nav-library').click();
    await page.getByText('10,000 videos').waitFor({ timeout: 60_000 });
    await page.getByTestId('library-card').first().waitFor();
    const counts: number[] = [];
    for (const fraction of [0, 0.25, 0.5, 0.999]) {
      await page.evaluate(
        `(() => { const grid = document.querySelector('[data-testid="library-grid"]'); grid.scrollTop = grid.scrollHeight * ${fraction}; })()`,
      );
      await page.waitForTimeout(300);
      await page.getByTestId('library-card').first().waitFor();
      counts.push(
        Number(
          await page.evaluate(`document.querySelector('[data-testid="library-grid"]').querySelectorAll('*').length`),
        ),
      );
    }
    expect(Math.max(...counts)).toBeLessThan(300);
    expect(Math.min(...counts)).toBeGreaterThan(20);
    // The last page is reachable: its last card is rendered.
    await page.getByText(/^★ Clip 0 fox$/).waitFor();
  }, 120_000);
});
