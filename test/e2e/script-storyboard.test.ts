import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApimart, type FakeApimart } from '../fake-apimart/fake-server.ts';
import { keychainGate } from '../support/keychain-probe';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';

const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
let app: AppHarness;
let fake: FakeApimart;
let ticker: NodeJS.Timeout;
let fixtures: string;
let face: string;
beforeAll(async () => {
  fixtures = await mkdtemp(path.join(os.tmpdir(), 'reelbench-e2e-script-'));
  face = path.join(fixtures, 'theo.png');
  await sharp({ create: { width: 600, height: 800, channels: 3, background: { r: 70, g: 110, b: 160 } } })
    .png()
    .toFile(face);
});
afterEach(async () => {
  clearInterval(ticker);
  await app.close();
  await fake.close();
});
afterAll(async () => {
  await closeBrowser();
  await rm(fixtures, { recursive: true, force: true });
});

const SCRIPT = `EXT. HARBOUR - DAWN
Mara, a keeper in her sixties, rows out to the lighthouse.
INT. LAMP ROOM - NIGHT
Theo, her grandson, lights the lamp for the first time.`;

const ANSWER = {
  title: 'The Keeper',
  characters: [{ name: 'Mara', description: 'A woman in her sixties, grey braid, navy wool coat.' }],
  shots: [
    {
      prompt: 'A grey-braided woman rows a small boat across a calm harbour at dawn.',
      duration: 5,
      shape: '16:9',
      camera: 'wide, slow push in',
      continuity: 'oars in both hands',
      characters: ['Mara'],
    },
    {
      prompt: 'In the lamp room at night, a young man lights the great lamp.',
      duration: 4,
      shape: '16:9',
      camera: 'close up on his hands',
      continuity: 'same night, lamp glow',
      characters: [],
    },
  ],
};

describe.skipIf(gate.skip)('from a script to a storyboard', () => {
  it('breaks a script into shots, survives a cut answer, edits a shot, adds a character with a picture, refines a prompt and queues two shots', async () => {
    fake = await startFakeApimart({ estimatedSeconds: 5 });
    ticker = setInterval(() => fake.clock.advance(1_000), 20);
    app = await launchApp({ apiBaseUrl: fake.baseUrl, pollMs: 30 });
    await app.keyStore.set(fake.apiKey);
    const { page } = app;
    await mkdir(RESULTS, { recursive: true });
    await page.getByTestId('nav-boards').click();
    await page.getByTestId('boards-from-script').click();
    const dialog = page.getByTestId('script-dialog');
    await dialog.waitFor();
    await page.getByTestId('script-text').fill(SCRIPT);
    await dialog.getByTestId('model').click();
    await page.getByTestId('model-option-viduq3').click();
    await expect
      .poll(() => page.getByTestId('script-cost').textContent())
      .toMatch(/About [\d,]+ tokens with gpt-4o-mini: ≈ \$0\.\d+ \(at most \$0\.\d+\)/);
    expect(fake.chat.requests).toHaveLength(0);
    await page.screenshot({ path: path.join(RESULTS, 'script-dialog-1280.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(RESULTS, 'script-dialog-1920.png') });
    await page.setViewportSize({ width: 1280, height: 800 });

    // The answer is cut off on the way: a clear state, the script kept, and a retry that works.
    fake.chat.script(
      { kind: 'cut', text: JSON.stringify(ANSWER), afterChars: 100 },
      { kind: 'text', text: JSON.stringify(ANSWER) },
    );
    await page.getByTestId('script-break').click();
    await expect.poll(() => page.getByTestId('script-error').textContent()).toContain('stopped before it was finished');
    await expect(page.getByTestId('script-text').inputValue()).resolves.toBe(SCRIPT);
    await page.screenshot({ path: path.join(RESULTS, 'script-dialog-error.png') });
    await page.getByTestId('script-break').click();
    await page.getByTestId('board-editor').waitFor();
    await dialog.waitFor({ state: 'detached' });
    const cards = page.getByTestId('shot-card');
    await expect.poll(() => cards.count()).toBe(2);
    await expect(page.getByTestId('board-title').inputValue()).resolves.toBe('The Keeper');
    await expect.poll(() => page.getByTestId('character-chip').allTextContents()).toEqual(['Mara']);
    expect(fake.count('generate', 'POST')).toBe(0);

    // Edit shot 2's prompt.
    await cards.nth(1).click();
    await page
      .getByTestId('shot-prompt')
      .fill('In the lamp room at night, a young man with red hair lights the great lamp.');

    // A character with a reference image, in shot 2.
    await page.getByTestId('character-add').click();
    await page.getByTestId('character-new-name').fill('Theo');
    await page.getByTestId('character-new-name').press('Enter');
    await page.getByTestId('character-inspector').waitFor();
    await page.getByTestId('character-description').fill('Twenty, red hair, oilskin jacket.');
    await page.getByTestId('character-description').blur();
    app.desktop.nextFile = face;
    await page.getByTestId('character-image-add').click();
    await expect.poll(() => page.getByTestId('character-image').locator('img').count()).toBe(1);
    await page.screenshot({ path: path.join(RESULTS, 'script-character-1280.png') });
    await cards.nth(1).click();
    await page.getByTestId('shot-inspector').waitFor();
    await page.getByTestId('shot-cast').getByRole('button', { name: 'Theo' }).click();
    await expect
      .poll(() => page.getByTestId('shot-cast-hint').textContent())
      .toBe('Theo: pictures go in as reference images.');

    // Refine shot 1 for Vidu Q3: review the changes, drop one, use the rest.
    await cards.nth(0).click();
    fake.chat.script({
      kind: 'text',
      text: 'Wide shot, slow push in: a grey-braided woman rows a small wooden boat across a calm harbour at dawn.',
    });
    await page.getByTestId('shot-refine').click();
    // The chat model and what it costs at most are shown first; nothing is sent until "Refine".
    await expect.poll(() => page.getByTestId('refine-cost').textContent()).toMatch(/At most ≈ \$0\.\d+/);
    const chatsBefore = fake.chat.requests.length;
    await page.screenshot({ path: path.join(RESULTS, 'script-refine-ask-1280.png') });
    expect(fake.chat.requests).toHaveLength(chatsBefore);
    await page.getByTestId('refine-send').click();
    const changes = page.getByTestId('refine-change');
    await expect.poll(() => changes.count()).toBeGreaterThan(1);
    await page.screenshot({ path: path.join(RESULTS, 'script-refine-1280.png') });
    await changes.first().click();
    await expect(changes.first().getAttribute('aria-pressed')).resolves.toBe('false');
    await page.getByTestId('refine-apply').click();
    await expect.poll(() => page.getByTestId('shot-prompt').inputValue()).toContain('small wooden boat');
    await expect(page.getByTestId('shot-prompt').inputValue()).resolves.not.toContain('Wide shot, slow push in:');

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(RESULTS, 'script-board-1920.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: path.join(RESULTS, 'script-board-1280.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByTestId('character-chip').first().click();
    await page.screenshot({ path: path.join(RESULTS, 'script-character-dark-1280.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await cards.nth(0).click();

    // Queue both shots: the cost is shown first; Theo's picture goes as a reference, Mara is described.
    await page.getByTestId('board-generate-all').click();
    await expect(page.getByTestId('board-confirm').textContent()).resolves.toMatch(/2 shots · 9 s/);
    await page.getByTestId('board-confirm-send').click();
    await expect.poll(() => fake.count('generate', 'POST'), { timeout: 20_000 }).toBe(2);
    const bodies = [...fake.tasks.values()].map((task) => task.generation);
    const first = bodies.find((body) => body.prompt.includes('rows'));
    const second = bodies.find((body) => body.prompt.includes('lamp'));
    expect(first?.prompt).toContain('Mara: A woman in her sixties, grey braid, navy wool coat.');
    expect(first?.body['reference_images']).toBeUndefined();
    expect(second?.prompt).toBe('In the lamp room at night, a young man with red hair lights the great lamp.');
    expect(second?.body['reference_images']).toHaveLength(1);

    // Settings → Usage: the two videos and the three chat requests (the cut answer's part, the retry, the refinement).
    await expect
      .poll(async () => {
        await page.getByTestId('nav-workbench').click();
        await page.getByTestId('nav-settings').click();
        return page
          .getByTestId('usage-today')
          .textContent({ timeout: 5_000 })
          .catch(() => '');
      })
      .toMatch(/2 videos · 9 s · .*3 chat requests · [\d,]+ tokens · \$0\.\d+/);
    await page.locator('#settings-usage').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(RESULTS, 'settings-usage-1280.png') });
  });
});
