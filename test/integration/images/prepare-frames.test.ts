import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, near, pixelAt, QUADRANTS, quadrantCard, withExifOrientation } from '../../support/image-fixtures';
import { setupImages, type ImageSetup } from '../../support/image-setup';

let setup: ImageSetup;
afterEach(async () => {
  await setup.close();
});

async function outputFacts(file: string) {
  const metadata = await sharp(file).metadata();
  return {
    format: metadata.format,
    width: metadata.width,
    height: metadata.height,
    space: metadata.space,
    channels: metadata.channels,
    depth: metadata.depth,
  };
}

async function expectQuadrants(file: string, width: number, height: number) {
  expect(near(await pixelAt(file, Math.round(width / 4), Math.round(height / 4)), QUADRANTS.topLeft)).toBe(true);
  expect(near(await pixelAt(file, Math.round((3 * width) / 4), Math.round(height / 4)), QUADRANTS.topRight)).toBe(true);
  expect(near(await pixelAt(file, Math.round(width / 4), Math.round((3 * height) / 4)), QUADRANTS.bottomLeft)).toBe(
    true,
  );
  expect(
    near(await pixelAt(file, Math.round((3 * width) / 4), Math.round((3 * height) / 4)), QUADRANTS.bottomRight),
  ).toBe(true);
}

describe('prepare: the exact output frame', () => {
  it.each([3, 6, 8] as const)('applies EXIF orientation %i (checked by pixel colour)', async (orientation) => {
    setup = await setupImages();
    const file = await fixture(
      setup.dir,
      `oriented-${orientation}.jpg`,
      await withExifOrientation(await quadrantCard(1280, 720), orientation),
    );
    const stored = await sharp(file).metadata();
    expect(stored.orientation).toBe(orientation);
    const prepared = await setup.images.prepare(file, {
      model: 'sora-2-preview',
      params: { aspect_ratio: 'landscape' },
    });
    expect(await outputFacts(prepared.path)).toMatchObject({ format: 'jpeg', width: 1280, height: 720 });
    await expectQuadrants(prepared.path, 1280, 720);
  });

  it('crops a portrait photo to a landscape frame, centred, and upscales to the frame', async () => {
    setup = await setupImages();
    const file = await fixture(setup.dir, 'portrait.png', await quadrantCard(720, 1280));
    const prepared = await setup.images.prepare(file, {
      model: 'sora-2-preview',
      params: { aspect_ratio: 'landscape' },
    });
    expect(prepared.crop).toEqual({ left: 0, top: 438, width: 720, height: 405 });
    expect(await outputFacts(prepared.path)).toMatchObject({ width: 1280, height: 720 });
  });

  it('crops a landscape photo to a portrait frame', async () => {
    setup = await setupImages();
    const file = await fixture(setup.dir, 'landscape.png', await quadrantCard(1920, 1080));
    const prepared = await setup.images.prepare(file, {
      model: 'sora-2-preview',
      params: { aspect_ratio: 'portrait' },
    });
    expect(prepared.crop).toEqual({ left: 656, top: 0, width: 608, height: 1080 });
    expect(await outputFacts(prepared.path)).toMatchObject({ width: 720, height: 1280 });
  });

  it('crops to the 7:4 frame of pro high, not to 16:9', async () => {
    setup = await setupImages();
    const file = await fixture(
      setup.dir,
      'photo.jpg',
      await sharp(await quadrantCard(4000, 3000))
        .jpeg()
        .toBuffer(),
    );
    const landscape = await setup.images.prepare(file, {
      model: 'sora-2-pro-preview',
      params: { resolution: 'high', aspect_ratio: 'landscape' },
    });
    expect(await outputFacts(landscape.path)).toMatchObject({ width: 1792, height: 1024 });
    expect(landscape.crop).toEqual({ left: 0, top: 357, width: 4000, height: 2286 });
    const portrait = await setup.images.prepare(file, {
      model: 'sora-2-pro-preview',
      params: { resolution: 'high', aspect_ratio: 'portrait' },
    });
    expect(await outputFacts(portrait.path)).toMatchObject({ width: 1024, height: 1792 });
  });

  it('honours a crop window from the UI, locked to the frame ratio', async () => {
    setup = await setupImages();
    const file = await fixture(setup.dir, 'card.png', await quadrantCard(1920, 1080));
    // The top-left quadrant, asked for with a sloppy (not 16:9) height: the ratio is re-locked.
    const prepared = await setup.images.prepare(file, {
      model: 'sora-2-preview',
      params: { aspect_ratio: 'landscape' },
      crop: { x: 0, y: 0, width: 0.5, height: 0.3 },
    });
    expect(prepared.crop.width / prepared.crop.height).toBeCloseTo(16 / 9, 2);
    for (const [x, y] of [
      [100, 100],
      [1180, 100],
      [100, 620],
      [1180, 620],
    ] as const) {
      expect(near(await pixelAt(prepared.path, x, y), QUADRANTS.topLeft), `${x},${y}`).toBe(true);
    }
  });

  it('upscales a tiny image to the full frame', async () => {
    setup = await setupImages();
    const file = await fixture(setup.dir, 'tiny.png', await quadrantCard(32, 18));
    const prepared = await setup.images.prepare(file, {
      model: 'sora-2-preview',
      params: { aspect_ratio: 'landscape' },
    });
    expect(await outputFacts(prepared.path)).toMatchObject({ width: 1280, height: 720 });
    await expectQuadrants(prepared.path, 1280, 720);
  });

  it('handles a very large (48 MP) photo', async () => {
    setup = await setupImages();
    const file = await fixture(
      setup.dir,
      'large.jpg',
      await sharp(await quadrantCard(8000, 6000))
        .jpeg({ quality: 80 })
        .toBuffer(),
    );
    const prepared = await setup.images.prepare(file, {
      model: 'sora-2-pro-preview',
      params: { resolution: 'high', aspect_ratio: 'landscape' },
    });
    expect(await outputFacts(prepared.path)).toMatchObject({ width: 1792, height: 1024 });
  });

  it('writes PNG or WebP when asked', async () => {
    setup = await setupImages();
    const file = await fixture(setup.dir, 'card.png', await quadrantCard(1280, 720));
    const png = await setup.images.prepare(file, {
      model: 'sora-2-preview',
      params: { aspect_ratio: 'landscape' },
      format: 'png',
    });
    const webp = await setup.images.prepare(file, {
      model: 'sora-2-preview',
      params: { aspect_ratio: 'landscape' },
      format: 'webp',
    });
    expect(await outputFacts(png.path)).toMatchObject({ format: 'png', width: 1280, height: 720, channels: 3 });
    expect(await outputFacts(webp.path)).toMatchObject({ format: 'webp', width: 1280, height: 720 });
    expect(png.quality).toBeNull();
  });
});
