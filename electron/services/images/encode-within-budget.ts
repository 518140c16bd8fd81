import sharp from 'sharp';
import { imageErrors } from './image-errors';

/** Output encodings for a prepared image. */
export type OutputFormat = 'jpeg' | 'png' | 'webp';

/** Decoded, cropped, resized sRGB pixels: small (at most the output frame), so encoding them repeatedly is cheap. */
export interface FramePixels {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: 3;
}

/** An encoded frame. */
export interface EncodedFrame {
  readonly buffer: Buffer;
  readonly quality: number | null;
}

const START_QUALITY = 90;
const MIN_QUALITY = 30;

function encode(pixels: FramePixels, format: OutputFormat, quality: number): Promise<Buffer> {
  const image = sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: pixels.channels } });
  if (format === 'png') return image.png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer();
  if (format === 'webp') return image.webp({ quality, effort: 4 }).toBuffer();
  return image.jpeg({ quality, mozjpeg: true }).toBuffer();
}

/**
 * Encodes at quality 90, or — when that exceeds the budget — at the highest quality that fits, found by binary
 * search. Raw pixels carry no metadata, so nothing of the original (GPS, camera serials, author) survives.
 */
export async function encodeWithinBudget(
  pixels: FramePixels,
  format: OutputFormat,
  budgetBytes: number,
): Promise<EncodedFrame> {
  if (format === 'png') {
    const buffer = await encode(pixels, 'png', 100);
    if (buffer.length > budgetBytes) throw imageErrors.overBudget(budgetBytes, 'png');
    return { buffer, quality: null };
  }

  const first = await encode(pixels, format, START_QUALITY);
  if (first.length <= budgetBytes) return { buffer: first, quality: START_QUALITY };

  let best: EncodedFrame | null = null;
  let low = MIN_QUALITY;
  let high = START_QUALITY - 1;
  while (low <= high) {
    const quality = Math.floor((low + high) / 2);
    const buffer = await encode(pixels, format, quality);
    if (buffer.length <= budgetBytes) {
      best = { buffer, quality };
      low = quality + 1;
    } else {
      high = quality - 1;
    }
  }
  if (!best) throw imageErrors.overBudget(budgetBytes, format);
  return best;
}
