import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFakeApimart, type FakeApimart } from '../fake-apimart/fake-server.ts';
import { quadrantCard } from '../support/image-fixtures';
import { keychainGate } from '../support/keychain-probe';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';

const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
let app: AppHarness;
let fake: FakeApimart;
let ticker: NodeJS.Timeout;
let dir: string;
afterEach(async () => {
  clearInterval(ticker);
  await app.close();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});
afterAll(closeBrowser);

async function launchWithKey(): Promise<void> {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-models-'));
  fake = await startFakeApimart({ estimatedSeconds: 10 });
  ticker = setInterval(() => fake.clock.advance(1_000), 20);
  app = await launchApp({ apiBaseUrl: fake.baseUrl, pollMs: 30 });
  await app.keyStore.set(fake.apiKey);
}

async function chooseModel(page: Page, id: string): Promise<void> {
  await page.getByTestId('model').click();
  await page.getByTestId(`model-option-${id}`).click();
  await page.getByTestId(`model-option-${id}`).waitFor({ state: 'detached' });
}

const count = (page: Page, testId: string) => page.getByTestId(testId).count();

/** The test id of the element that has the keyboard focus. */
const focusedTestId = (page: Page) =>
  page.evaluate(
    () =>
      (
        globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }
      ).document.activeElement?.getAttribute('data-testid') ?? null,
  );

/** Presses Tab (or Shift+Tab) until the element whose test id starts with `testId` has the focus. */
async function tabTo(page: Page, testId: string, backwards = false): Promise<string> {
  for (let presses = 0; presses < 80; presses += 1) {
    const focused = await focusedTestId(page);
    if (focused?.startsWith(testId)) return focused;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

describe.skipIf(gate.skip)('each model in the workbench', () => {
  it('shows each family its own controls and image slots, and no slot the model does not take', async () => {
    await launchWithKey();
    const { page } = app;
    await page.getByTestId('prompt').fill('A glass city at dawn');
    const families: readonly {
      id: string;
      present: readonly string[];
      absent: readonly string[];
    }[] = [
      // Sora: two lengths of its own, a first frame only, no resolution, nothing advanced.
      {
        id: 'sora-2-preview',
        present: ['duration-12', 'aspect-9:16', 'drop-zone'],
        absent: ['drop-zone-last', 'resolution-720p', 'advanced'],
      },
      {
        id: 'veo3.1-fast-official',
        present: ['duration-8', 'resolution-4K', 'drop-zone-last', 'advanced'],
        absent: ['drop-zone-reference'],
      },
      // Kling: a range of lengths as a slider, references only on Omni.
      { id: 'kling-v3', present: ['duration', 'drop-zone-last'], absent: ['drop-zone-reference'] },
      { id: 'kling-v3-omni', present: ['duration', 'drop-zone-reference'], absent: [] },
      { id: 'doubao-seedance-2.0', present: ['duration', 'drop-zone-last'], absent: ['drop-zone-reference'] },
      { id: 'wan2.6', present: ['duration-15', 'resolution-1080p'], absent: ['drop-zone-last'] },
      { id: 'MiniMax-Hailuo-02', present: ['drop-zone-last'], absent: ['aspect-16:9', 'aspect-9:16'] },
      { id: 'viduq3', present: ['drop-zone-reference', 'drop-zone-last'], absent: [] },
      { id: 'grok-imagine-1.5-video-apimart', present: ['duration', 'drop-zone'], absent: ['drop-zone-last'] },
    ];
    for (const family of families) {
      await chooseModel(page, family.id);
      for (const testId of family.present)
        await expect(count(page, testId), `${family.id} shows ${testId}`).resolves.toBeGreaterThan(0);
      for (const testId of family.absent)
        await expect(count(page, testId), `${family.id} hides ${testId}`).resolves.toBe(0);
    }
    // Kling's range is a slider the keyboard moves; its sound is a switch under Advanced.
    await chooseModel(page, 'kling-v3');
    await expect(page.getByTestId('duration').getAttribute('role')).resolves.toBe('slider');
    await page.getByTestId('advanced').locator('summary').click();
    await expect(page.getByTestId('advanced').locator('[role="switch"]').count()).resolves.toBeGreaterThan(0);
    await mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'workbench-kling-en-light.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(RESULTS, 'workbench-kling-en-light-1920.png') });
    expect(app.pageErrors).toEqual([]);
  });

  it('generates by keyboard alone: prompt, model, length, image, crop and Generate', async () => {
    await launchWithKey();
    const photo = path.join(dir, 'photo.png');
    await sharp(await quadrantCard(1600, 1200))
      .png()
      .toFile(photo);
    const { page } = app;
    await page.getByTestId('prompt').waitFor();
    await tabTo(page, 'prompt');
    await page.keyboard.type('A kite over the dunes at noon');

    // The picker opens on its search: type, Enter.
    await tabTo(page, 'model');
    await page.keyboard.press('Enter');
    await page.keyboard.type('wan 2.6');
    await page.keyboard.press('Enter');
    await page.getByTestId('model-search').waitFor({ state: 'detached' });

    // Segments are a radio group: Tab lands on the chosen one, arrows move, Space chooses.
    // The picker gave the focus back to itself: the keyboard carries on from there.
    await expect(tabTo(page, 'model')).resolves.toBe('model');
    // Veo's 8 s is not offered by Wan 2.6: the switch moved it to 10 s and said so.
    await page.getByText('Wan 2.6: Duration 8 s isn’t offered — set to 10 s').waitFor();
    await expect(tabTo(page, 'duration-')).resolves.toBe('duration-10');
    await page.keyboard.press('ArrowLeft');
    // The arrow moved the focus (on a loaded machine, the next key must not go to the old segment).
    await expect.poll(() => focusedTestId(page)).toBe('duration-5');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('duration-5').getAttribute('aria-checked')).toBe('true');
    // And it stays chosen once the model switch's save and this one have both come back.
    await page.waitForTimeout(1_000);
    await expect(page.getByTestId('duration-5').getAttribute('aria-checked')).resolves.toBe('true');

    app.desktop.nextFile = photo;
    await tabTo(page, 'image-pick');
    await page.keyboard.press('Enter');
    await page.getByTestId('crop-window').waitFor();
    await tabTo(page, 'crop-window');
    await page.keyboard.press('-');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.screenshot({ path: path.join(RESULTS, 'workbench-keyboard-en-light.png') });

    await tabTo(page, 'generate');
    await page.keyboard.press('Enter');
    await expect.poll(() => fake.tasks.size, { timeout: 10_000 }).toBe(1);
    const [task] = [...fake.tasks.values()];
    expect(task?.generation.body).toMatchObject({
      model: 'wan2.6',
      prompt: 'A kite over the dunes at noon',
      duration: 5,
    });
    expect(task?.generation.body['image_urls']).toHaveLength(1);
    expect(app.pageErrors).toEqual([]);
  });
});
