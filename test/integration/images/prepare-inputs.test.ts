import { readFile } from 'node:fs/promises';
import sharp, { type Sharp } from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { animation, fixture, near, noise, pixelAt, quadrantCard } from '../../support/image-fixtures';
import { setupImages, type ImageSetup } from '../../support/image-setup';

let setup: ImageSetup;
afterEach(async () => {
  await setup.close();
});
const landscape = { model: 'sora-2-preview', params: { aspect_ratio: 'landscape' } } as const;

describe('prepare: colour, alpha, animation and formats', () => {
  it('converts a CMYK JPEG to sRGB', async () => {
    setup = await setupImages();
    const cmyk = await sharp(await quadrantCard(1280, 720))
      .toColourspace('cmyk')
      .jpeg({ quality: 95 })
      .toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const prepared = await setup.images.prepare(await fixture(setup.dir, 'cmyk.jpg', cmyk), landscape);
    const output = await sharp(prepared.path).metadata();
    expect(output).toMatchObject({ space: 'srgb', channels: 3, width: 1280, height: 720 });
    expect(near(await pixelAt(prepared.path, 320, 180), [255, 0, 0], 60)).toBe(true);
  });

  it('reduces a 16-bit PNG to 8-bit sRGB', async () => {
    setup = await setupImages();
    const deep = await sharp(await quadrantCard(1280, 720))
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect((await sharp(deep).metadata()).depth).toBe('ushort');
    const prepared = await setup.images.prepare(await fixture(setup.dir, 'deep.png', deep), {
      ...landscape,
      format: 'png',
    });
    expect(await sharp(prepared.path).metadata()).toMatchObject({ depth: 'uchar', space: 'srgb', channels: 3 });
  });

  it('flattens transparency onto black by default, or onto the chosen background', async () => {
    setup = await setupImages();
    const transparentLeft = await sharp({
      create: { width: 1280, height: 720, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .composite([
        {
          input: await sharp({ create: { width: 640, height: 720, channels: 4, background: '#00ff00' } })
            .png()
            .toBuffer(),
          left: 640,
          top: 0,
        },
      ])
      .png()
      .toBuffer();
    const file = await fixture(setup.dir, 'alpha.png', transparentLeft);
    const black = await setup.images.prepare(file, landscape);
    const white = await setup.images.prepare(file, { ...landscape, background: '#ffffff' });
    expect(await sharp(black.path).metadata()).toMatchObject({ channels: 3, hasAlpha: false });
    expect(near(await pixelAt(black.path, 200, 360), [0, 0, 0], 10)).toBe(true);
    expect(near(await pixelAt(white.path, 200, 360), [255, 255, 255], 10)).toBe(true);
    expect(near(await pixelAt(white.path, 1000, 360), [0, 255, 0])).toBe(true);
    expect(white.key).not.toBe(black.key);
  });

  it.each(['gif', 'webp'] as const)('uses the first frame of an animated %s', async (format) => {
    setup = await setupImages();
    const file = await fixture(setup.dir, `anim.${format}`, await animation(format));
    expect((await sharp(file).metadata()).pages).toBe(2);
    const prepared = await setup.images.prepare(file, landscape);
    expect(near(await pixelAt(prepared.path, 640, 360), [255, 0, 0])).toBe(true);
  });

  it.each([
    ['tiff', (image: Sharp) => image.tiff()],
    ['avif', (image: Sharp) => image.avif({ quality: 60 })],
  ] as const)('reads %s', async (extension, encode) => {
    setup = await setupImages();
    const file = await fixture(
      setup.dir,
      `card.${extension}`,
      await encode(sharp(await quadrantCard(1280, 720))).toBuffer(),
    );
    const prepared = await setup.images.prepare(file, landscape);
    expect(await sharp(prepared.path).metadata()).toMatchObject({ format: 'jpeg', width: 1280, height: 720 });
  });

  it('reads SVG', async () => {
    setup = await setupImages();
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="320" height="180" fill="#0000ff"/></svg>';
    const prepared = await setup.images.prepare(await fixture(setup.dir, 'card.svg', svg), landscape);
    expect(near(await pixelAt(prepared.path, 640, 360), [0, 0, 255])).toBe(true);
  });

  it('strips every piece of metadata: EXIF (GPS, camera, author), XMP and ICC', async () => {
    setup = await setupImages();
    const tagged = await sharp(await quadrantCard(1280, 720))
      .jpeg()
      .withMetadata({
        exif: {
          IFD0: {
            Artist: 'Jane Photographer',
            Copyright: 'Jane 2026',
            Make: 'CameraCo',
            Model: 'X100',
            BodySerialNumber: 'SN-12345',
          },
        },
      })
      .toBuffer();
    expect((await sharp(tagged).metadata()).exif).toBeInstanceOf(Buffer);
    const prepared = await setup.images.prepare(await fixture(setup.dir, 'tagged.jpg', tagged), landscape);
    const output = await sharp(prepared.path).metadata();
    expect(output.exif).toBeUndefined();
    expect(output.xmp).toBeUndefined();
    expect(output.icc).toBeUndefined();
    const bytes = await readFile(prepared.path, 'latin1');
    for (const secret of ['Jane', 'CameraCo', 'SN-12345']) expect(bytes).not.toContain(secret);
  });
});

describe('prepare: size budget and cache', () => {
  it('lowers quality by search until the file fits the budget', async () => {
    const budget = 150_000;
    setup = await setupImages({ budgetBytes: budget });
    const file = await fixture(setup.dir, 'noise.png', await noise(1280, 720).png().toBuffer());
    const prepared = await setup.images.prepare(file, landscape);
    expect(prepared.bytes).toBeLessThanOrEqual(budget);
    expect(prepared.quality).toBeLessThan(90);
    expect(prepared.quality).toBeGreaterThanOrEqual(30);
    expect((await readFile(prepared.path)).length).toBe(prepared.bytes);
  });

  it('fails clearly when no quality fits, and when a PNG cannot fit', async () => {
    setup = await setupImages({ budgetBytes: 4_000 });
    const file = await fixture(setup.dir, 'noise.png', await noise(1280, 720).png().toBuffer());
    await expect(setup.images.prepare(file, landscape)).rejects.toMatchObject({
      code: 'invalidImage',
      message: 'This image cannot be encoded as JPEG under 0.0 MB.',
    });
    await expect(setup.images.prepare(file, { ...landscape, format: 'png' })).rejects.toMatchObject({
      action: 'Choose JPEG or WebP output instead.',
    });
  });

  it('is deterministic: the same input and parameters reuse the cached file', async () => {
    setup = await setupImages();
    const file = await fixture(setup.dir, 'card.png', await quadrantCard(1600, 1000));
    const first = await setup.images.prepare(file, landscape);
    const again = await setup.images.prepare(file, landscape);
    expect(first.reused).toBe(false);
    expect(again).toMatchObject({ reused: true, path: first.path, key: first.key, bytes: first.bytes });
    const copy = await fixture(setup.dir, 'copy-of-card.png', await readFile(file));
    expect((await setup.images.prepare(copy, landscape)).path).toBe(first.path); // keyed by content, not by name
    const moved = await setup.images.prepare(file, { ...landscape, crop: { x: 0, y: 0, width: 0.5, height: 0.5 } });
    expect(moved.key).not.toBe(first.key);
    const portrait = await setup.images.prepare(file, { ...landscape, params: { aspect_ratio: 'portrait' } });
    expect(portrait.key).not.toBe(first.key);
  });
});
