import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '../support/media-clips';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
let app: AppHarness;
let fixtures: string;
let clip: string;
beforeAll(async () => {
  fixtures = await mkdtemp(path.join(os.tmpdir(), 'reelbench-e2e-compare-'));
  clip = await makeClip(path.join(fixtures, 'take.mp4'), { seconds: 3, width: 640, height: 360 });
});
afterEach(async () => {
  await app.close();
});
afterAll(async () => {
  await closeBrowser();
  await rm(fixtures, { recursive: true, force: true });
});

/** Files a copy of the test clip as a generated video. */
async function file(prompt: string, params: Record<string, number | string>, title: string) {
  const download = path.join(fixtures, `${title}.mp4`);
  await copyFile(clip, download);
  return app.library.current().addVideo({
    videoFile: download,
    title,
    generation: {
      prompt,
      model: 'veo3.1-fast-official',
      params,
      duration: Number(params['duration']),
      aspect: '16:9',
      resolution: '720p',
      taskId: null,
      jobId: null,
      draftId: null,
      draftVersionId: null,
    },
    createdAt: new Date(),
    completedAt: new Date(),
  });
}

const videoTimes = () =>
  app.page
    .getByTestId('compare-video')
    .evaluateAll((videos) => videos.map((video) => (video as unknown as { currentTime: number }).currentTime));

describe('compare videos', () => {
  it('shows two library videos side by side in sync, with the word diff of their prompts and their differing settings', async () => {
    app = await launchApp();
    const { page } = app;
    await file('A red fox runs through fresh snow at dawn', { duration: 8, aspect_ratio: '16:9' }, 'Fox one');
    await file('A red fox walks through deep snow at dusk', { duration: 6, aspect_ratio: '16:9' }, 'Fox two');
    await page.getByTestId('nav-library').click();
    const cards = page.getByTestId('library-card');
    await expect.poll(() => cards.count()).toBe(2);
    for (const index of [0, 1]) {
      await cards.nth(index).click();
      await page.getByTestId('library-compare').click();
    }
    await page.getByTestId('compare-open').click();
    const dialog = page.getByTestId('compare');
    await dialog.waitFor();
    await expect(page.getByTestId('compare-item').count()).resolves.toBe(2);
    // The second prompt against the first: what changed is marked, word by word.
    const second = page.getByTestId('compare-prompt').nth(1);
    await expect(second.locator('ins').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringMatching(/runs|walks/)]),
    );
    await expect(second.locator('del').count()).resolves.toBeGreaterThan(0);
    const table = page.getByTestId('compare-params');
    await expect(table.locator('tbody tr').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^duration(86|68)$/),
    ]);
    await mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'compare-1280.png') });

    // In sync: played together, paused together, stepped a frame together.
    await expect.poll(() => page.getByTestId('compare-time').textContent()).toMatch(/\/ 0:03/);
    await page.getByTestId('compare-play').click();
    await expect.poll(async () => Math.min(...(await videoTimes())), { timeout: 10_000 }).toBeGreaterThan(0.8);
    await page.getByTestId('compare-play').click();
    const paused = await videoTimes();
    expect(Math.abs((paused[0] ?? 0) - (paused[1] ?? 0))).toBeLessThan(0.1);
    await page.getByTestId('compare-forward').click();
    const stepped = await videoTimes();
    for (const [index, time] of stepped.entries()) expect(time - (paused[index] ?? 0)).toBeCloseTo(1 / 24, 1);

    // A loop from here: playing stays inside it.
    await page.getByTestId('compare-scrub').fill('0.5');
    await page.getByTestId('compare-loop').click();
    await page.getByTestId('compare-loop-range').waitFor();
    await page.getByTestId('compare-play').click();
    for (let look = 0; look < 6; look += 1) {
      await page.waitForTimeout(250);
      for (const time of await videoTimes()) expect(time).toBeLessThan(1.6);
    }
    await page.getByTestId('compare-play').click();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(RESULTS, 'compare-1920.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(app.pageErrors).toEqual([]);
  });
});
