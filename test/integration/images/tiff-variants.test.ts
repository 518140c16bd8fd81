import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { setupImages, type ImageSetup } from '../../support/image-setup';
import { damagedVariants, imageMagickPixels, unsupportedVariants, validVariants } from '../../support/tiff-variants';

// A scanned storyboard page or a print shop's TIFF is not a broken file. Every valid variant is prepared as
// ImageMagick renders it; every damaged one is refused as damaged; a kind Reelbench cannot read is said to be that.
const tools = ['convert', 'tiffcp'].every((tool) => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
if (!tools && process.env['CI'] === 'true')
  throw new Error('ImageMagick and libtiff-tools are needed (.ci/run installs them)');

let setup: ImageSetup;
afterEach(async () => {
  await setup.close();
});
const landscape = { model: 'sora-2-preview', params: { aspect_ratio: 'landscape' } } as const;

/** Mean absolute difference per channel value (0–255) between two same-sized RGB buffers. */
function meanDifference(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let index = 0; index < a.length; index += 1) sum += Math.abs((a[index] ?? 0) - (b[index] ?? 0));
  return sum / a.length;
}

describe.runIf(tools)('TIFF variants and a GIF with a broken later frame', () => {
  it('prepares every valid variant as ImageMagick renders it, and inspects it', async () => {
    setup = await setupImages();
    const differences: Record<string, number> = {};
    for (const [name, file] of Object.entries(validVariants(setup.dir))) {
      const prepared = await setup.images.prepare(file, landscape);
      const inspected = await setup.images.inspect(file, landscape);
      expect(inspected.width * inspected.height, name).toBeGreaterThan(0);
      const ours = await sharp(prepared.path).removeAlpha().toColourspace('srgb').raw().toBuffer();
      differences[name] = meanDifference(ours, imageMagickPixels(file, prepared.width, prepared.height));
    }
    // JPEG-in-TIFF and the upload's own encoding leave a few levels; a misread file differs by tens or more.
    for (const [name, difference] of Object.entries(differences)) expect(difference, name).toBeLessThan(6);
  });

  it('refuses every damaged file as damaged, from prepare and inspect alike', async () => {
    setup = await setupImages();
    for (const [name, file] of Object.entries(damagedVariants(setup.dir))) {
      const message = `"${name}" is damaged or incomplete and cannot be read.`;
      await expect(setup.images.prepare(file, landscape), name).rejects.toMatchObject({
        code: 'invalidImage',
        message,
      });
      await expect(setup.images.inspect(file, landscape), name).rejects.toMatchObject({
        code: 'invalidImage',
        message,
      });
    }
  });

  it('says which kind of TIFF it cannot read, and what to do, never that it is damaged', async () => {
    setup = await setupImages();
    for (const [name, file] of Object.entries(unsupportedVariants(setup.dir))) {
      const refusal = {
        code: 'invalidImage',
        message: expect.stringMatching(/^Reelbench cannot read this kind of TIFF/),
      };
      await expect(setup.images.prepare(file, landscape), name).rejects.toMatchObject(refusal);
      await expect(setup.images.inspect(file, landscape), name).rejects.toMatchObject({
        action: 'Save it as PNG or JPEG in an image editor, then pick it again.',
      });
    }
  });
});
