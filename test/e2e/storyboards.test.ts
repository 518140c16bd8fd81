import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApimart, type FakeApimart } from '../fake-apimart/fake-server.ts';
import { eventually } from '../support/eventually';
import { keychainGate } from '../support/keychain-probe';
import { makeClip, probe } from '../support/media-clips';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';
import { chooseInMenu } from './harness/controls';

const run = promisify(execFile);
const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
let app: AppHarness;
let fake: FakeApimart;
let ticker: NodeJS.Timeout;
let fixtures: string;
let clip: string;
beforeAll(async () => {
  fixtures = await mkdtemp(path.join(os.tmpdir(), 'reelbench-e2e-board-'));
  // testsrc2 moves: its last frame is unlike its first, so a grab of the wrong frame shows.
  clip = await makeClip(path.join(fixtures, 'take.mp4'), { seconds: 2, width: 640, height: 360 });
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

/** Mean absolute difference of two images, 0–255, compared as 160×90 greyscale (alpha dropped). */
async function meanDifference(a: string, b: string): Promise<number> {
  const grey = (file: string) =>
    sharp(file).removeAlpha().resize(160, 90, { fit: 'fill' }).greyscale().raw().toBuffer();
  const [left, right] = await Promise.all([grey(a), grey(b)]);
  let sum = 0;
  for (let index = 0; index < left.length; index += 1) sum += Math.abs((left[index] ?? 0) - (right[index] ?? 0));
  return sum / left.length;
}

describe.skipIf(gate.skip)('storyboards', () => {
  it('builds three shots, continues shot 2 from shot 1, generates, chooses takes, plays and exports one film', async () => {
    fake = await startFakeApimart({ estimatedSeconds: 5, videoPayload: await readFile(clip) });
    ticker = setInterval(() => fake.clock.advance(1_000), 20);
    app = await launchApp({ apiBaseUrl: fake.baseUrl, pollMs: 30 });
    await app.keyStore.set(fake.apiKey);
    const { page } = app;
    await mkdir(RESULTS, { recursive: true });
    const draft = (await page.evaluate(
      `window.reelbench.drafts.create({ prompt: 'Gulls over the cliff' }).then((answer) => answer.data)`,
    )) as { id: string };
    await page.getByTestId('nav-boards').click();
    await page.getByTestId('boards-empty').waitFor();
    await page.screenshot({ path: path.join(RESULTS, 'boards-empty.png') });

    await page.getByTestId('boards-empty').getByRole('button', { name: 'New storyboard' }).click();
    await page.getByTestId('board-editor').waitFor();
    await page.getByTestId('board-title').fill('Lighthouse');
    await page.getByTestId('board-title').press('Enter');
    const cards = page.getByTestId('shot-card');
    const prompts = ['A lighthouse at dawn, wide shot', 'The keeper climbs the stairs', 'The lamp turns on at dusk'];
    for (const [index, prompt] of prompts.entries()) {
      await page.getByTestId('shot-add').click();
      await expect.poll(() => cards.count()).toBe(index + 1);
      await page.getByTestId('shot-prompt').fill(prompt);
    }
    await expect.poll(() => cards.nth(2).textContent()).toContain('The lamp turns on');

    // Reorder by keyboard and back; delete by keyboard and undo.
    const order = () => cards.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-shot-id')));
    const before = await order();
    await cards.nth(2).focus();
    await page.keyboard.press('Alt+ArrowLeft');
    await expect
      .poll(order)
      .toEqual([before[0], before[2], before[1]])
      .catch(async (error: unknown) => {
        console.log(app.pageErrors, await page.evaluate('document.activeElement?.outerHTML.slice(0, 200)'));
        await page.screenshot({ path: path.join(RESULTS, 'boards-debug.png') });
        throw error;
      });
    await expect.poll(() => page.evaluate('document.activeElement?.textContent ?? ""')).toContain('The lamp');
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(order).toEqual(before);
    await cards.nth(1).focus();
    await page.keyboard.press('Delete');
    await expect.poll(() => cards.count()).toBe(2);
    await page.getByTestId('shot-undo').click();
    await expect.poll(order).toEqual(before);
    // A draft becomes a shot (after the selected one); the inspector's Delete takes it away again.
    await chooseInMenu(page, 'shot-from-draft', draft.id);
    await expect.poll(() => cards.count()).toBe(4);
    await expect(page.getByTestId('shot-prompt').inputValue()).resolves.toBe('Gulls over the cliff');
    await page.getByTestId('shot-delete').click();
    await expect.poll(order).toEqual(before);
    await page.screenshot({ path: path.join(RESULTS, 'boards-three-shots.png') });

    // Nothing is sent before the user has seen the seconds and the cost.
    await page.getByTestId('board-generate-all').click();
    await page.getByTestId('board-confirm').waitFor();
    await expect(page.getByTestId('board-confirm').textContent()).resolves.toMatch(/3 shots · 24 s · ≈ \$/);
    expect(fake.count('generate', 'POST')).toBe(0);
    await page.screenshot({ path: path.join(RESULTS, 'boards-confirm.png') });
    await page.getByTestId('board-confirm-send').click();
    await expect.poll(() => page.getByTestId('shot-takes').count(), { timeout: 30_000 }).toBe(3);
    const board = () => {
      const [only] = app.services.boards.list();
      if (!only) throw new Error('no board');
      return only;
    };
    await eventually(() => board().shots.every((shot) => shot.takes[0]?.itemId), 'three filed takes', 30_000);
    await expect.poll(() => page.locator('.shot-card .shot-frame img').count(), { timeout: 20_000 }).toBe(3);

    // Shot 2 starts where shot 1 ends: its first frame is the exact last frame of shot 1's take.
    await cards.nth(1).click();
    await page.getByTestId('shot-continue').click();
    await page.getByTestId('shot-first-frame').locator('img').waitFor({ timeout: 20_000 });
    const frame = board().shots[1]?.images.find((image) => image.role === 'first')?.path ?? '';
    expect(board().shots[1]?.continueFromPrevious).toBe(true);
    const last = path.join(fixtures, 'last.png');
    await run('ffmpeg', ['-v', 'error', '-y', '-sseof', '-0.3', '-i', clip, '-update', '1', last]);
    const earlier = path.join(fixtures, 'earlier.png');
    await run('ffmpeg', ['-v', 'error', '-y', '-ss', '1.75', '-i', clip, '-frames:v', '1', earlier]);
    const grabbed = await meanDifference(frame, last);
    expect(grabbed).toBeLessThan(3);
    // Not just a frame near the end: the last one, closer to it by far than to one six frames before.
    expect(await meanDifference(frame, earlier)).toBeGreaterThan(grabbed * 2);

    // Another take of shot 2 (it now sends its first frame), chosen for the film.
    await page.getByTestId('shot-generate').click();
    await expect(page.getByTestId('board-confirm').textContent()).resolves.toMatch(/1 shot · 8 s/);
    await page.getByTestId('board-confirm-send').click();
    await eventually(() => board().shots[1]?.takes[1]?.itemId != null, 'the second take of shot 2', 30_000);
    const takes = page.getByTestId('shot-inspector').getByTestId('shot-take');
    await expect.poll(() => takes.nth(1).isEnabled(), { timeout: 20_000 }).toBe(true);
    await takes.nth(1).click();
    await expect.poll(() => takes.nth(1).getAttribute('aria-checked')).toBe('true');
    expect(board().shots[1]?.chosenJobId).toBe(board().shots[1]?.takes[1]?.jobId);
    expect(fake.count('generate', 'POST')).toBe(4);
    await page.screenshot({ path: path.join(RESULTS, 'boards-takes.png') });
    // The two takes side by side, in sync; then back to the board.
    await page.getByTestId('shot-compare').click();
    await expect.poll(() => page.getByTestId('compare-item').count()).toBe(2);
    await page.getByTestId('compare-close').click();
    await page.getByTestId('compare').waitFor({ state: 'detached' });

    // Play: the takes back to back, the shot under way highlighted; scrub across the whole film.
    await page.getByTestId('player-play').click();
    await page.locator('.shot-card[data-playing]').first().waitFor();
    await expect
      .poll(() => page.locator('.timeline-segment[data-current]').textContent(), { timeout: 15_000 })
      .toBe('2');
    await expect
      .poll(() => page.locator('.shot-card[data-playing]').getAttribute('data-shot-id'))
      .toBe(board().shots[1]?.id);
    await page.getByTestId('player-play').click(); // pause
    await page.getByTestId('player-scrub').fill('5');
    await expect.poll(() => page.locator('.timeline-segment[data-current]').textContent()).toBe('3');
    await expect(page.getByTestId('player-time').textContent()).resolves.toMatch(/^0:05 \/ 0:0[56]$/);

    // One film out, into the library, a chapter per shot.
    await page.getByTestId('board-export').click();
    await page.getByTestId('board-notice').getByText('"Lighthouse" is in the library.').waitFor({ timeout: 20_000 });
    const film = app.library
      .current()
      .list({})
      .items.find((item) => item.title === 'Lighthouse');
    expect(film?.duration).toBeCloseTo(6, 0);
    const facts = await probe((await app.library.current().mediaFile('video', film?.id ?? '')) ?? '');
    expect(facts.chapters).toHaveLength(3);
    expect(Number(facts.format.duration)).toBeCloseTo(6, 1);

    await expect(page.evaluate('document.scrollingElement.scrollTop')).resolves.toBe(0);
    await page.screenshot({ path: path.join(RESULTS, 'boards-1280.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(RESULTS, 'boards-1920.png') });
    expect(app.pageErrors).toEqual([]);
  });

  it('extends a take: a new shot continues it through the model remix, and its take is filed', async () => {
    fake = await startFakeApimart({ estimatedSeconds: 5, videoPayload: await readFile(clip) });
    ticker = setInterval(() => fake.clock.advance(1_000), 20);
    app = await launchApp({ apiBaseUrl: fake.baseUrl, pollMs: 30 });
    await app.keyStore.set(fake.apiKey);
    const { boards } = app.services;
    let board = boards.create({ title: 'Run' });
    board = boards.addShot(board.id);
    const shotId = board.shots[0]?.id ?? '';
    boards.updateShot(board.id, shotId, {
      prompt: 'A fox runs across the snow',
      model: 'veo3.1-fast',
      params: { duration: 8, aspect_ratio: '16:9' },
    });
    const [first] = boards.generate(board.id, { kind: 'all' });
    await eventually(() => app.services.jobs.get(first?.id ?? '').phase === 'done', 'the first take', 30_000);

    const { page } = app;
    await page.getByTestId('nav-boards').click();
    await page.getByTestId('board-item').first().click();
    await page.getByTestId('shot-extend').click();
    await page.getByTestId('shot-extends').getByText('Continues take 1 of shot 1').waitFor();
    await page.getByTestId('shot-prompt').fill('The fox leaps over a frozen stream');
    await page.getByTestId('shot-generate').click();
    await expect(page.getByTestId('board-confirm').textContent()).resolves.toMatch(/1 shot · 8 s/);
    await page.getByTestId('board-confirm-send').click();
    await eventually(
      () => boards.get(board.id).shots[1]?.takes[0]?.itemId != null,
      'the extension filed as a take of the new shot',
      30_000,
    );
    const firstTask = app.services.jobs.get(first?.id ?? '').taskId;
    expect(fake.requests.filter((request) => request.path === `/v1/videos/${firstTask ?? ''}/remix`)).toHaveLength(1);
    await expect.poll(() => page.locator('.shot-card .shot-frame img').count(), { timeout: 20_000 }).toBe(2);
    await mkdir(RESULTS, { recursive: true });
    // Whatever was clicked or focused, the window itself never scrolled.
    await expect(page.evaluate('document.scrollingElement.scrollTop')).resolves.toBe(0);
    await page.screenshot({ path: path.join(RESULTS, 'boards-extend.png') });
    expect(app.pageErrors).toEqual([]);
  });
});
