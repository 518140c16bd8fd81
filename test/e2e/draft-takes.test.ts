import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Draft } from '../../shared/drafts/draft-models';
import { keychainGate } from '../support/keychain-probe';
import { appWithFake } from './harness/app-with-fake';

const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
const session = appWithFake();

const drafts = (page: Page) =>
  page.evaluate(`window.reelbench.drafts.list({}).then((answer) => answer.data)`) as Promise<Draft[]>;

describe.skipIf(gate.skip)('the draft’s takes beside the prompt', () => {
  it('a finished job’s take appears and plays in place; vary ×3 queues three seeds; a take starts a new draft from its last frame', async () => {
    await session.start({ estimatedSeconds: 2 });
    const { page } = session.app;
    const { fake } = session;
    const ticker = setInterval(() => fake.clock.advance(1_000), 25);
    try {
      await mkdir(RESULTS, { recursive: true });
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.getByTestId('prompt').fill('A lighthouse keeper climbs the stairs at dusk');
      // Veo 3.1 Fast takes a seed and a first frame; 4 s keeps it cheap.
      await page.getByTestId('model').click();
      await page.getByTestId('model-option-veo3.1-fast-official').click();
      await page
        .getByTestId('workbench-notice')
        .waitFor()
        .catch(() => undefined);
      await page.getByRole('radio', { name: '4 s' }).click();
      const takes = page.getByTestId('draft-take');
      expect(await page.getByTestId('draft-takes').textContent()).toContain('No takes yet');

      await page.getByTestId('generate').click();
      await expect.poll(() => takes.count()).toBe(1);
      await expect.poll(() => takes.first().getAttribute('data-phase'), { timeout: 20_000 }).toBe('done');
      await page.getByTestId('draft-take-play').click();
      const video = page.getByTestId('draft-take-video');
      await video.waitFor();
      await expect
        .poll(() => video.evaluate((node) => (node as unknown as { currentTime: number }).currentTime))
        .toBeGreaterThan(0);
      await page.screenshot({ path: path.join(RESULTS, 'takes-1920.png') });

      // Vary ×3: the total cost is shown first ($0.32 a take), then three jobs, each with its own seed.
      await page.getByTestId('vary-count').fill('3');
      await expect.poll(() => page.getByTestId('vary').textContent()).toContain('Vary ×3 · ≈ $0.96');
      await page.getByTestId('vary').click();
      await expect.poll(() => fake.tasks.size).toBe(4);
      const seeds = [...fake.tasks.values()].slice(1).map((task) => task.generation.body['seed']);
      expect(new Set(seeds).size).toBe(3);
      await expect.poll(() => takes.count()).toBe(4);
      // Newest first: the three variations above the first take.
      await expect.poll(() => takes.last().getAttribute('data-phase')).toBe('done');
      // Every take filed before anything else (nothing is left writing when the test ends).
      await expect
        .poll(() => page.locator('[data-testid="draft-take"][data-phase="done"]').count(), { timeout: 20_000 })
        .toBe(4);

      // Favourite, as the library keeps it.
      await takes.last().getByTestId('draft-take-favorite').click();
      await expect
        .poll(() => takes.last().getByTestId('draft-take-favorite').getAttribute('aria-pressed'))
        .toBe('true');

      // At 1280×800 the takes fold into a tab beside the images.
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByTestId('side-tab-takes').waitFor();
      await page.getByTestId('side-tab-takes').click();
      await takes.first().waitFor();
      await page.screenshot({ path: path.join(RESULTS, 'takes-1280.png') });

      // A new draft whose first frame is the take's last frame.
      const before = (await drafts(page)).length;
      await takes.last().getByTestId('draft-take-continue').click();
      await expect.poll(async () => (await drafts(page)).length).toBe(before + 1);
      await expect
        .poll(async () => (await drafts(page)).find((draft) => draft.prompt === '')?.images.map((image) => image.role))
        .toEqual(['first']);
    } finally {
      clearInterval(ticker);
    }
  });
});
