import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { animation, fixture, pngBomb, quadrantCard, withExifOrientation } from '../../support/image-fixtures';
import { setupImages, type ImageSetup } from '../../support/image-setup';

let setup: ImageSetup;
afterEach(async () => {
  await setup.close();
});
const landscape = { model: 'sora-2-preview', params: { aspect_ratio: 'landscape' } } as const;

describe('refusals: one clear line each, from inspect and prepare alike', () => {
  it.each([
    [
      'a path that does not exist',
      async () => path.join(setup.dir, 'gone.jpg'),
      'The file "gone.jpg" does not exist (any more).',
    ],
    [
      'a zero-byte file',
      async () => fixture(setup.dir, 'empty.jpg', Buffer.alloc(0)),
      'The file "empty.jpg" is empty.',
    ],
    [
      'a text file named .jpg',
      async () => fixture(setup.dir, 'notes.jpg', 'these are my notes, not a photo'),
      '"notes.jpg" is not an image Reelbench can read.',
    ],
    [
      'a truncated JPEG',
      async () => {
        const jpeg = await sharp(await quadrantCard(1280, 720))
          .jpeg()
          .toBuffer();
        return fixture(setup.dir, 'cut.jpg', jpeg.subarray(0, Math.floor(jpeg.length / 2)));
      },
      '"cut.jpg" is damaged or incomplete and cannot be read.',
    ],
    [
      'a truncated PNG',
      async () => {
        const png = await sharp(await quadrantCard(1280, 720))
          .png()
          .toBuffer();
        return fixture(setup.dir, 'cut.png', png.subarray(0, Math.floor(png.length / 2)));
      },
      '"cut.png" is damaged or incomplete and cannot be read.',
    ],
    [
      'a TIFF whose compressed data is damaged (it used to decode to a uniform blank frame)',
      async () => {
        const noise = Buffer.alloc(256 * 256 * 3);
        for (let index = 0; index < noise.length; index += 1) noise[index] = (index * 7919) % 251;
        const tiff = await sharp(noise, { raw: { width: 256, height: 256, channels: 3 } })
          .tiff({ compression: 'lzw' })
          .toBuffer();
        for (let index = 2000; index < tiff.length - 2000; index += 97) tiff[index] = (tiff[index] ?? 0) ^ 0xff;
        return fixture(setup.dir, 'broken.tif', tiff);
      },
      '"broken.tif" is damaged or incomplete and cannot be read.',
    ],
    [
      'a decompression bomb (30000×30000 in a few bytes)',
      async () => fixture(setup.dir, 'bomb.png', pngBomb(30_000, 30_000)),
      '"bomb.png" is too large to process safely (over 100 megapixels).',
    ],
    [
      'a HEIC photo',
      async () =>
        fixture(
          setup.dir,
          'IMG_0001.HEIC',
          Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(200)]),
        ),
      '"IMG_0001.HEIC" is a HEIC photo, which this build cannot read.',
    ],
  ])('%s', async (_name, make, message) => {
    setup = await setupImages();
    const file = await make();
    await expect(setup.images.prepare(file, landscape)).rejects.toMatchObject({ code: 'invalidImage', message });
    await expect(setup.images.inspect(file, landscape)).rejects.toMatchObject({ code: 'invalidImage', message });
  });

  it('refuses a model the catalog does not have', async () => {
    setup = await setupImages();
    const file = await fixture(setup.dir, 'card.png', await quadrantCard(320, 180));
    await expect(
      setup.images.prepare(file, { model: 'no-such-model', params: { aspect_ratio: 'landscape' } }),
    ).rejects.toMatchObject({ code: 'invalidInput' });
  });
});

describe('inspect', () => {
  it('reports the displayed size of a rotated photo and a decodable preview', async () => {
    setup = await setupImages();
    const file = await fixture(setup.dir, 'rotated.jpg', await withExifOrientation(await quadrantCard(1280, 720), 6));
    const inspection = await setup.images.inspect(file, landscape);
    expect(inspection).toMatchObject({
      format: 'JPEG',
      width: 1280,
      height: 720,
      hasAlpha: false,
      animated: false,
      colourSpace: 'srgb',
      bitDepth: 8,
    });
    expect(inspection.bytes).toBe((await readFile(file)).length);
    expect(inspection.findings).toEqual([]);
    const preview = Buffer.from(inspection.preview.replace(/^data:image\/webp;base64,/, ''), 'base64');
    expect(await sharp(preview).metadata()).toMatchObject({ format: 'webp', width: 480, height: 270 });
  });

  it('says what preparing will do: crop, upscale, convert, first frame, flatten, re-encode', async () => {
    setup = await setupImages({ budgetBytes: 1_000 });
    const tiny = await setup.images.inspect(await fixture(setup.dir, 'tiny.png', await quadrantCard(600, 400)), {
      model: 'sora-2-preview',
      params: { aspect_ratio: 'portrait' },
    });
    expect(tiny.findings.map((finding) => finding.message)).toEqual([
      'Will be cropped to 9:16.',
      'Smaller than the 720×1280 output frame: it will be upscaled ×3.2.',
      'Over 0 MB: it will be re-encoded smaller.',
    ]);
    const gif = await setup.images.inspect(await fixture(setup.dir, 'anim.gif', await animation('gif')), landscape);
    expect(gif.animated).toBe(true);
    expect(gif.findings.map((finding) => finding.kind)).toEqual(['upscale', 'convert', 'firstFrame']);
    expect(gif.findings.find((finding) => finding.kind === 'convert')?.message).toBe('GIF will be converted to JPEG.');
    const pro = await setup.images.inspect(await fixture(setup.dir, 'wide.png', await quadrantCard(1920, 1080)), {
      model: 'sora-2-pro-preview',
      params: { resolution: 'high', aspect_ratio: 'landscape' },
    });
    expect(pro.findings[0]).toEqual({
      kind: 'crop',
      ratio: '7:4',
      message: 'Will be cropped to 7:4.',
      text: { key: 'finding.crop', params: { ratio: '7:4' } },
    });
    const holey = await sharp({
      create: { width: 1280, height: 720, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } },
    })
      .png()
      .toBuffer();
    const transparent = await setup.images.inspect(await fixture(setup.dir, 'holey.png', holey), landscape);
    expect(transparent.hasAlpha).toBe(true);
    expect(transparent.findings.map((finding) => finding.kind)).toContain('flatten');
  });

  it('mentions transparency only when some pixel is actually transparent', async () => {
    setup = await setupImages();
    const opaqueRgba = await sharp(await quadrantCard(1280, 720))
      .ensureAlpha(1)
      .png()
      .toBuffer();
    expect((await sharp(opaqueRgba).metadata()).hasAlpha).toBe(true);
    const inspection = await setup.images.inspect(await fixture(setup.dir, 'screenshot.png', opaqueRgba), landscape);
    expect(inspection.hasAlpha).toBe(false);
    expect(inspection.findings).toEqual([]);
  });

  it('inspects without a target (no frame-dependent findings)', async () => {
    setup = await setupImages();
    const inspection = await setup.images.inspect(await fixture(setup.dir, 'x.png', await quadrantCard(100, 300)));
    expect(inspection.findings).toEqual([]);
    expect(inspection).toMatchObject({ width: 100, height: 300, format: 'PNG' });
  });
});
