import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFakeApimart, type FakeApimart } from '../fake-apimart/fake-server.ts';
import { generateLibrary } from '../support/generate-library';
import { quadrantCard } from '../support/image-fixtures';
import { keychainGate } from '../support/keychain-probe';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';

const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

// Every screen in its busy, failing, crowded and empty states, light and dark, English and Korean, at the two window
// sizes a designer reviews: these files are looked at, not compared.
const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
const SIZES = [
  [1280, 800],
  [1920, 1080],
] as const;
const LONG_TITLE =
  'An extremely long prompt about a lighthouse keeper who climbs the spiral stairs at dusk, lights the great lamp and watches the fishing boats come home through the fog';

let app: AppHarness;
let fake: FakeApimart | undefined;
let ticker: NodeJS.Timeout | undefined;
let dir: string;
afterEach(async () => {
  clearInterval(ticker);
  await app.close();
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});
afterAll(closeBrowser);

async function settle(page: Page, language: 'en' | 'ko', theme: 'light' | 'dark'): Promise<void> {
  await page.getByTestId('app-info').waitFor();
  await app.services.router.dispatch('settings.update', { language, theme }, { senderUrl: page.url() });
  await page.reload();
  await page.getByTestId('app-info').waitFor();
}

/** Saves the window at both sizes; checks the page itself never scrolls, and axe finds nothing serious, in that state. */
async function shoot(page: Page, name: string, afterResize?: () => Promise<void>): Promise<void> {
  await mkdir(RESULTS, { recursive: true });
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations
      .filter((entry) => entry.impact === 'serious' || entry.impact === 'critical')
      .map((entry) => `${name}: ${entry.id} — ${entry.nodes.map((node) => node.target.join(' ')).join(', ')}`),
  ).toEqual([]);
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150);
    await afterResize?.();
    const overflow = await page.evaluate(() => {
      const root = (
        globalThis as unknown as { document: { scrollingElement: { scrollHeight: number; clientHeight: number } } }
      ).document.scrollingElement;
      return root.scrollHeight - root.clientHeight;
    });
    expect(overflow, `${name} at ${width}×${height}`).toBe(0);
    await page.screenshot({ path: path.join(RESULTS, `state-${name}-${width}.png`) });
  }
}

describe.skipIf(gate.skip)('every screen in every state, as a designer reviews it', () => {
  it.each([
    ['en', 'light'],
    ['ko', 'dark'],
  ] as const)('a busy queue with long titles, a reference frame and failures (%s, %s)', async (language, theme) => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-states-'));
    const photo = path.join(dir, 'photo.png');
    await sharp(await quadrantCard(1600, 1200))
      .png()
      .toFile(photo);
    fake = await startFakeApimart({ estimatedSeconds: 600 });
    ticker = setInterval(() => fake?.clock.advance(1_000), 50);
    app = await launchApp({ apiBaseUrl: fake.baseUrl, pollMs: 30 });
    await app.keyStore.set(fake.apiKey);
    const { page } = app;
    await settle(page, language, theme);
    const enqueue = (request: object) => page.evaluate(`window.reelbench.jobs.enqueue(${JSON.stringify(request)})`);
    // The frame is chosen through the picker, as the user does: the window may name only such files.
    app.desktop.nextFile = photo;
    const picked = (await page.evaluate('window.reelbench.images.pick()')) as { data: { image: string } };
    fake.inject('generate', { kind: 'status', status: 402, body: { error: { message: 'Insufficient balance' } } });
    await enqueue({ prompt: 'A balance too low for this one', model: 'sora-2-preview', params: { duration: 4 } });
    await enqueue({
      prompt: LONG_TITLE,
      model: 'veo3.1-fast-official',
      params: { duration: 8, aspect_ratio: '9:16', resolution: '1080p' },
      images: [{ role: 'first', path: picked.data.image }],
    });
    await enqueue({ prompt: 'Koi in a moonlit pond, slow drift', model: 'kling-v3', params: { duration: 5 } });
    for (let index = 0; index < 3; index += 1)
      await enqueue({ prompt: `Queued behind the others, take ${index + 1}`, model: 'wan2.6', params: {} });
    await page.getByTestId('nav-queue').click();
    await page.locator('[data-testid="job-row"][data-phase="polling"]').first().waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="job-error"]').first().waitFor({ timeout: 20_000 });
    // The row with an image shows that image's frame, prepared as it was uploaded.
    await page.locator('[data-testid="job-row"]', { hasText: 'lighthouse keeper' }).locator('.job-thumb img').waitFor();
    await expect(page.getByTestId('nav-running').textContent()).resolves.toMatch(/\d/);
    await shoot(page, `queue-busy-${language}-${theme}`);
    expect(app.pageErrors).toEqual([]);
  });

  it.each([
    ['en', 'dark'],
    ['ko', 'light'],
  ] as const)(
    'ten thousand videos, one open with a long title, and every settings section (%s, %s)',
    async (language, theme) => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-states-'));
      app = await launchApp({
        beforeOpen: (root) => generateLibrary(root, 10_000, path.join(root, '..', '..', 'data', 'cache', 'posters')),
      });
      const { page } = app;
      await settle(page, language, theme);
      await page.getByTestId('nav-library').click();
      await page.getByTestId('library-card').first().waitFor({ timeout: 60_000 });
      await shoot(page, `library-10k-${language}-${theme}`);
      const [first] = app.library.current().list({}).items;
      if (!first) throw new Error('the generated library is empty');
      await app.library.current().update(first.id, { title: LONG_TITLE, rating: 4, favorite: true });
      await page.getByTestId('library-card').first().click();
      await page.getByTestId('library-detail').waitFor();
      await shoot(page, `library-detail-${language}-${theme}`);

      await page.getByTestId('nav-settings').click();
      await page.getByTestId('key-state').waitFor();
      await shoot(page, `settings-top-${language}-${theme}`);
      await page.locator('#settings-library').scrollIntoViewIfNeeded();
      await shoot(page, `settings-bottom-${language}-${theme}`);
      expect(app.pageErrors).toEqual([]);
    },
    120_000,
  );

  it('an empty library and queue, and a workbench with an image in dark', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-states-'));
    const photo = path.join(dir, 'portrait.png');
    await sharp(await quadrantCard(900, 1600))
      .png()
      .toFile(photo);
    app = await launchApp({ apiBaseUrl: 'http://127.0.0.1:9' });
    const { page } = app;
    await settle(page, 'en', 'dark');
    await page.getByTestId('nav-library').click();
    await page.getByTestId('library-empty').waitFor();
    await shoot(page, 'library-empty-en-dark');
    await page.getByTestId('nav-queue').click();
    await page.locator('.empty-state').waitFor();
    await shoot(page, 'queue-empty-en-dark');
    await page.getByTestId('nav-workbench').click();
    await page.getByTestId('prompt').fill(`${LONG_TITLE}. ${LONG_TITLE}.`);
    app.desktop.nextFile = photo;
    await page.getByTestId('image-pick').click();
    await page.getByTestId('prepared-preview').waitFor();
    await shoot(page, 'workbench-image-en-dark');
    expect(app.pageErrors).toEqual([]);
  });

  it('moves nothing when the OS asks for reduced motion', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-states-'));
    app = await launchApp({ apiBaseUrl: 'http://127.0.0.1:9' });
    const { page } = app;
    await page.getByTestId('prompt').waitFor();
    // Both come in after the prompt: the card once the key's status is known, the segments once the models are.
    await page.locator('.first-run-card').waitFor();
    await page.locator('.segment').first().waitFor();
    const durations = () =>
      page.evaluate(() => {
        const scope = globalThis as unknown as {
          document: { querySelector(selector: string): unknown };
          getComputedStyle(element: unknown): { transitionDuration: string; animationDuration: string };
        };
        const segment = scope.getComputedStyle(scope.document.querySelector('.segment'));
        const card = scope.getComputedStyle(scope.document.querySelector('.first-run-card'));
        return [segment.transitionDuration, card.animationDuration];
      });
    const still = (values: string[]) => values.every((value) => /^0s(, 0s)*$/.test(value));
    expect(still(await durations())).toBe(false);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(still(await durations())).toBe(true);
  });
});
