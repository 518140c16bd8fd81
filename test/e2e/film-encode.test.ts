import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { makeClip, probe } from '../support/media-clips';
import { boardOfTakes } from '../support/filed-takes';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
let app: AppHarness;
let fixtures: string;
let wide: string;
let small: string;
beforeAll(async () => {
  fixtures = await mkdtemp(path.join(os.tmpdir(), 'reelbench-e2e-encode-'));
  // Two takes a film cannot join packet for packet: different sizes, so different codec parameters.
  wide = await makeClip(path.join(fixtures, 'wide.mp4'), { seconds: 2, width: 640, height: 360 });
  small = await makeClip(path.join(fixtures, 'small.mp4'), {
    seconds: 1,
    width: 320,
    height: 240,
    pattern: 'smptebars',
  });
});
afterEach(async () => {
  await app.close();
});
afterAll(async () => {
  await closeBrowser();
  await rm(fixtures, { recursive: true, force: true });
});

describe('a film of takes that differ', () => {
  it('says why they cannot be joined as they are, then encodes them again in the window and files one film', async () => {
    app = await launchApp();
    const library = app.library.current();
    await boardOfTakes(app.services, library, 'Mixed', [wide, small], fixtures);

    const { page } = app;
    await page.getByTestId('nav-boards').click();
    await page.getByTestId('board-item').first().click();
    await expect.poll(() => page.locator('.shot-card .shot-frame img').count(), { timeout: 20_000 }).toBe(2);
    await page.getByTestId('board-export').click();
    const offer = page.getByTestId('board-encode-offer');
    await offer.waitFor();
    await expect(offer.textContent()).resolves.toMatch(/different settings.*320×240/);
    await mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'boards-encode-offer.png') });
    await page.getByTestId('board-encode').click();
    await page.getByTestId('board-notice').getByText('"Mixed" is in the library.').waitFor({ timeout: 60_000 });

    const film = library.list({}).items.find((item) => item.title === 'Mixed');
    const file = (await library.mediaFile('video', film?.id ?? '')) ?? '';
    const facts = await probe(file);
    const video = facts.streams.find((stream) => stream.codec_type === 'video');
    // The first take's size; the takes encoded alike, then joined packet for packet, a chapter each.
    expect(video).toMatchObject({ width: 640, height: 360 });
    expect(Number(facts.format.duration)).toBeGreaterThan(2.9);
    expect(Number(facts.format.duration)).toBeLessThan(3.2);
    expect(facts.chapters).toHaveLength(2);
    await eventually(
      async () => readdir(path.join(app.libraryRoot, '.reelbench-exports')).then((names) => names.length === 0),
      'the encoded takes removed',
    );
    expect(app.pageErrors).toEqual([]);
  });
});
