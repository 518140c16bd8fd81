import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openUploadCache, REUSE_MARGIN_MS, uploadPrepared } from '../../../electron/services/images/upload-cache';
import { setupApimart, type ApimartSetup } from '../../support/apimart-setup';
import { fixture, quadrantCard } from '../../support/image-fixtures';
import { createImageService } from '../../../electron/services/images/image-service';

let setup: ApimartSetup;
afterEach(async () => {
  await setup.close();
});

const HOUR = 60 * 60 * 1000;

describe('upload cache', () => {
  it('uploads a prepared image once and reuses its URL until close to its 72-hour expiry', async () => {
    setup = await setupApimart();
    const images = createImageService({ cacheDir: path.join(setup.dir, 'cache') });
    const prepared = await images.prepare(await fixture(setup.dir, 'card.png', await quadrantCard(1280, 720)), {
      model: 'sora-2-preview',
      params: { aspect_ratio: 'landscape' },
    });
    const cacheFile = path.join(setup.dir, 'cache', 'uploads.json');
    const now = () => setup.fake.clock.now();

    const first = await uploadPrepared(setup.client, await openUploadCache(cacheFile), prepared, now);
    expect(first.reused).toBe(false);
    setup.fake.clock.advance(72 * HOUR - REUSE_MARGIN_MS - HOUR);
    // A new cache object reads the file: the reuse survives a restart.
    const second = await uploadPrepared(setup.client, await openUploadCache(cacheFile), prepared, now);
    expect(second).toEqual({ uploaded: first.uploaded, reused: true });
    expect(setup.fake.count('upload')).toBe(1);

    setup.fake.clock.advance(2 * HOUR);
    const third = await uploadPrepared(setup.client, await openUploadCache(cacheFile), prepared, now);
    expect(third.reused).toBe(false);
    expect(third.uploaded.url).not.toBe(first.uploaded.url);
    expect(setup.fake.count('upload')).toBe(2);
    // The URL it reuses really serves the prepared image.
    expect((await fetch(third.uploaded.url)).status).toBe(200);
  });

  it('keeps the entries of jobs remembering side by side, each with a cache of its own', async () => {
    setup = await setupApimart();
    const file = path.join(setup.dir, 'uploads.json');
    const [one, two] = await Promise.all([openUploadCache(file), openUploadCache(file)]);
    const upload = (name: string) => ({
      url: `https://upload.apimart.ai/f/image/${name}.jpg`,
      bytes: 1,
      contentType: 'image/jpeg',
      uploadedAt: 0,
      expiresAt: 72 * HOUR,
    });
    await Promise.all([
      one.remember('first', upload('first'), 0),
      two.remember('second', upload('second'), 0),
      one.remember('third', upload('third'), 0),
    ]);
    const after = await openUploadCache(file);
    expect(['first', 'second', 'third'].map((key) => after.lookup(key, 0)?.url)).toEqual(
      ['first', 'second', 'third'].map((name) => upload(name).url),
    );
  });

  it('starts empty from a damaged cache file instead of failing', async () => {
    setup = await setupApimart();
    const file = await fixture(setup.dir, 'uploads.json', '{ not json');
    const cache = await openUploadCache(file);
    expect(cache.lookup('anything', Date.now())).toBeNull();
  });
});
