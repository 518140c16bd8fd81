import { deflateSync, crc32 } from 'node:zlib';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';

/** Quadrant colours of the orientation test card, as displayed. */
export const QUADRANTS = {
  topLeft: [255, 0, 0],
  topRight: [0, 255, 0],
  bottomLeft: [0, 0, 255],
  bottomRight: [255, 255, 255],
} as const;

/** A card with four coloured quadrants, `width`×`height` as displayed. */
export async function quadrantCard(width: number, height: number): Promise<Buffer> {
  const halfWidth = Math.floor(width / 2);
  const halfHeight = Math.floor(height / 2);
  const tile = (colour: readonly number[], w: number, h: number) =>
    sharp({
      create: {
        width: w,
        height: h,
        channels: 3,
        background: { r: colour[0] ?? 0, g: colour[1] ?? 0, b: colour[2] ?? 0 },
      },
    })
      .png()
      .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#000' } })
    .composite([
      { input: await tile(QUADRANTS.topLeft, halfWidth, halfHeight), left: 0, top: 0 },
      { input: await tile(QUADRANTS.topRight, width - halfWidth, halfHeight), left: halfWidth, top: 0 },
      { input: await tile(QUADRANTS.bottomLeft, halfWidth, height - halfHeight), left: 0, top: halfHeight },
      {
        input: await tile(QUADRANTS.bottomRight, width - halfWidth, height - halfHeight),
        left: halfWidth,
        top: halfHeight,
      },
    ])
    .removeAlpha()
    .png()
    .toBuffer();
}

/** The clockwise rotation that turns displayed pixels into stored ones for an EXIF orientation. */
const STORED_ROTATION: Readonly<Record<3 | 6 | 8, number>> = { 3: 180, 6: 270, 8: 90 };

/** A JPEG whose stored pixels are rotated, with the EXIF orientation that displays them as `displayed`. */
export async function withExifOrientation(displayed: Buffer, orientation: 3 | 6 | 8): Promise<Buffer> {
  const stored = await sharp(displayed).rotate(STORED_ROTATION[orientation]).toBuffer();
  return sharp(stored).jpeg({ quality: 95 }).withMetadata({ orientation }).toBuffer();
}

/** Random noise (hard to compress), for size-budget tests. */
export function noise(width: number, height: number): Sharp {
  return sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 70 } },
  });
}

/** A two-frame animation: red, then blue. */
export async function animation(format: 'gif' | 'webp'): Promise<Buffer> {
  const frame = (colour: string) =>
    sharp({ create: { width: 320, height: 180, channels: 4, background: colour } })
      .png()
      .toBuffer();
  const joined = sharp([await frame('#ff0000'), await frame('#0000ff')], { join: { animated: true } });
  return format === 'gif' ? joined.gif().toBuffer() : joined.webp().toBuffer();
}

/**
 * A valid PNG header claiming `width`×`height` with almost no data: a decompression bomb in a few hundred bytes.
 * It must be refused from its header, before anything is decoded.
 */
export function pngBomb(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Writes `bytes` as `name` in `dir` and returns the path. */
export async function fixture(dir: string, name: string, bytes: Buffer | string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

/** The sRGB colour of one pixel of an encoded image. */
export async function pixelAt(file: string, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(file)
    .extract({ left: x, top: y, width: 1, height: 1 })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels < 3) return [data[0] ?? 0, data[0] ?? 0, data[0] ?? 0];
  return [data[0] ?? 0, data[1] ?? 0, data[2] ?? 0];
}

/** True when two colours are within `tolerance` on every channel (JPEG is lossy). */
export function near(actual: readonly number[], expected: readonly number[], tolerance = 40): boolean {
  return actual.every((value, index) => Math.abs(value - (expected[index] ?? 0)) <= tolerance);
}
