import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_VIDEO } from '../support/library-setup';
import { eventually } from '../support/eventually';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';

let app: AppHarness;
afterEach(async () => {
  await app.close();
});
afterAll(closeBrowser);

describe('library posters', () => {
  it('captures a poster in the window for a video dropped into the library, and serves it back', async () => {
    app = await launchApp({
      beforeOpen: async (root) => {
        const { mkdir } = await import('node:fs/promises');
        await mkdir(root, { recursive: true });
        await copyFile(SAMPLE_VIDEO, path.join(root, 'test pattern.mp4'));
      },
    });
    const library = app.library.current();
    const [item] = library.list({}).items;
    expect(item).toMatchObject({ title: 'test pattern', posterUrl: null });
    await eventually(() => library.postersMissing(10).length === 0, 'the poster');

    const poster = (await library.mediaFile('poster', item?.id ?? '')) ?? '';
    const metadata = await sharp(poster).metadata();
    expect(metadata).toMatchObject({ format: 'webp', width: 320, height: 180 });
    // testsrc2 is colourful: a real decoded frame is not a flat black or grey rectangle.
    const { channels } = await sharp(poster).stats();
    expect(Math.max(...channels.slice(0, 3).map((channel) => channel.stdev))).toBeGreaterThan(20);

    // The page can load it (and the video) from the same origin, under its CSP.
    const listed = library.get(item?.id ?? '');
    const loaded = await app.page.evaluate(`(async () => {
      const image = new Image();
      image.src = ${JSON.stringify(listed.posterUrl)};
      await image.decode();
      const video = document.createElement('video');
      video.src = ${JSON.stringify(listed.videoUrl)};
      await new Promise((resolve, reject) => { video.onloadedmetadata = resolve; video.onerror = reject; });
      return { poster: image.naturalWidth, video: [video.videoWidth, video.videoHeight, Math.round(video.duration)] };
    })()`);
    expect(loaded).toEqual({ poster: 320, video: [320, 180, 2] });
    expect(app.pageErrors).toEqual([]);
  });
});
