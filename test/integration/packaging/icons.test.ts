import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIconSet, ICNS_ENTRIES, ICO_SIZES, LINUX_SIZES, type IconSet } from '../../../scripts/icons/icon-set';
import { loadBuilderConfig } from '../../support/electron-builder-internals';

const root = path.resolve(import.meta.dirname, '../../..');
let out: string;
let set: IconSet;
beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'reelbench-icons-'));
  set = await buildIconSet(path.join(root, 'packaging/icon.svg'), out);
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

/** The entries of an .icns file: its four-letter type and payload. */
function readIcns(file: Buffer): { type: string; data: Buffer }[] {
  expect(file.subarray(0, 4).toString('latin1')).toBe('icns');
  expect(file.readUInt32BE(4)).toBe(file.length);
  const entries: { type: string; data: Buffer }[] = [];
  for (let offset = 8; offset < file.length;) {
    const length = file.readUInt32BE(offset + 4);
    entries.push({
      type: file.subarray(offset, offset + 4).toString('latin1'),
      data: file.subarray(offset + 8, offset + length),
    });
    offset += length;
  }
  return entries;
}

/** The image sizes an .ico file's directory lists (0 means 256). */
function readIcoSizes(file: Buffer): number[] {
  expect([file.readUInt16LE(0), file.readUInt16LE(2)]).toEqual([0, 1]);
  const count = file.readUInt16LE(4);
  return Array.from({ length: count }, (_, index) => {
    const entry = 6 + index * 16;
    expect(file.readUInt8(entry)).toBe(file.readUInt8(entry + 1)); // square
    expect(file.readUInt32LE(entry + 12) + file.readUInt32LE(entry + 8)).toBeLessThanOrEqual(file.length);
    return file.readUInt8(entry) || 256;
  });
}

describe('icons generated from packaging/icon.svg', () => {
  it('gives macOS an .icns with every iconutil size, each of its stated size', async () => {
    const entries = readIcns(await readFile(set.icns));
    const images = entries.filter((entry) => entry.type !== 'TOC ');
    expect(images.map((entry) => entry.type)).toEqual(ICNS_ENTRIES.map(([type]) => type));
    for (const [type, size] of ICNS_ENTRIES) {
      const image = images.find((entry) => entry.type === type)?.data ?? Buffer.alloc(0);
      if (type === 'ic04' || type === 'ic05') {
        // The 16 and 32 px slots hold run-length-encoded ARGB, as iconutil writes them, not PNG.
        expect(image.subarray(0, 4).toString('latin1'), type).toBe('ARGB');
      } else {
        expect(await sharp(image).metadata(), type).toMatchObject({ format: 'png', width: size, height: size });
      }
    }
  });

  it('gives Windows an .ico from 16 to 256 px', async () => {
    expect(readIcoSizes(await readFile(set.ico)).sort((a, b) => a - b)).toEqual([...ICO_SIZES]);
  });

  it('gives Linux one PNG per size, named as electron-builder expects, and a 1024 px icon.png', async () => {
    const files = await readdir(set.linuxDir);
    expect(files.sort()).toEqual(LINUX_SIZES.map((size) => `${size}x${size}.png`).sort());
    for (const size of LINUX_SIZES) {
      expect(await sharp(path.join(set.linuxDir, `${size}x${size}.png`)).metadata()).toMatchObject({
        format: 'png',
        width: size,
        height: size,
        hasAlpha: true,
      });
    }
    expect(await sharp(set.png).metadata()).toMatchObject({ width: 1024, height: 1024 });
  });

  it('draws the artwork, not an empty canvas: transparent corners, an opaque middle', async () => {
    const { data, info } = await sharp(path.join(set.linuxDir, '64x64.png'))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const alphaAt = (x: number, y: number) => data[(y * info.width + x) * info.channels + 3];
    expect(alphaAt(0, 0)).toBe(0);
    expect(alphaAt(32, 32)).toBe(255);
  });

  it('writes exactly the files electron-builder.yml points at, relative to build/', async () => {
    const config = await loadBuilderConfig(root, 'electron-builder.yml');
    const icon = (section: string) => (config[section] as { icon: string }).icon;
    expect(config['directories']).toMatchObject({ buildResources: 'build' });
    expect([icon('mac'), icon('win'), icon('linux')]).toEqual(
      [set.icns, set.ico, set.linuxDir].map((file) =>
        path.join('build', path.relative(out, file)).split(path.sep).join('/'),
      ),
    );
  });
});
