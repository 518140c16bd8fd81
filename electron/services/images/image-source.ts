import { open, stat } from 'node:fs/promises';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { AppError } from '../../../shared/errors';
import { imageErrors } from './image-errors';

/** What every image is read with: decompression bombs refused, truncated files fail instead of decoding grey. */
export interface SourceLimits {
  /** Largest accepted image, in pixels (100 MP by default). */
  readonly maxPixels: number;
}

/** 100 megapixels: far beyond any camera's still, far below what would exhaust memory. */
export const DEFAULT_LIMITS: SourceLimits = { maxPixels: 100_000_000 };

/**
 * Opens an image with the safety limits applied; only the first frame of animations is read (a later frame's damage
 * does not refuse it). Decoding stops at the first *error* — truncation, a broken strip, a bad code — so a damaged
 * file is refused ("the image is damaged") instead of becoming a blank frame that is uploaded and billed. Not at the
 * first warning: libtiff and libvips warn of much that is legal (unknown tags, unusual layouts, a GIF's later frame),
 * and those files are read as every other reader reads them.
 */
function openImage(input: string | Buffer, limits: SourceLimits): Sharp {
  return sharp(input, { limitInputPixels: limits.maxPixels, failOn: 'error', animated: false });
}

/** An image ready to decode, any number of times, and its facts. */
export interface ImageSource {
  readonly metadata: Metadata;
  /** A fresh pipeline over the image's pixels (each use of sharp consumes one). */
  open(): Sharp;
}

/**
 * Opens an image for preparing or previewing. TIFFs with signed samples are read as ImageMagick and libtiff's tools
 * show them — the sample bits taken as unsigned values — because libvips reads them as negative numbers, which every
 * colour conversion then turns to black: their pixels are read once, oriented, and the pipeline runs on those.
 */
export async function openSource(input: string | Buffer, file: string, limits: SourceLimits): Promise<ImageSource> {
  const metadata = await openImage(input, limits).metadata();
  const signed = metadata.format === 'tiff' && (metadata.depth === 'char' || metadata.depth === 'short');
  if (!signed) return { metadata, open: () => openImage(input, limits) };
  if ((metadata.channels ?? 0) < 3) throw imageErrors.unsupportedTiff(file, 'signed greyscale samples');
  const { data, info } = await openImage(input, limits)
    .autoOrient()
    .raw({ depth: metadata.depth })
    .toBuffer({ resolveWithObject: true });
  const pixels =
    metadata.depth === 'short'
      ? new Uint16Array(data.buffer, data.byteOffset, data.length / 2)
      : new Uint8Array(data.buffer, data.byteOffset, data.length);
  const raw = { width: info.width, height: info.height, channels: info.channels };
  const shown = { width: info.width, height: info.height };
  return {
    // Already oriented: the facts of the image as displayed.
    metadata: { ...metadata, ...shown, autoOrient: shown },
    open: () => sharp(pixels, { raw, limitInputPixels: limits.maxPixels }),
  };
}

/** What an image file starts with, when it is one of the formats Reelbench reads. */
const SIGNATURES: readonly (readonly [string, (head: Buffer) => boolean])[] = [
  ['jpeg', (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff],
  ['png', (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['gif', (head) => head.toString('latin1', 0, 4) === 'GIF8'],
  ['tiff', (head) => ['II*\0', 'MM\0*'].includes(head.toString('latin1', 0, 4))],
  ['webp', (head) => head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP'],
];

/** The format a file's first bytes announce, or null: a file that says "TIFF" but cannot be read is damaged. */
async function announcedFormat(file: string): Promise<string | null> {
  const handle = await open(file, 'r');
  try {
    const { buffer } = await handle.read(Buffer.alloc(16), 0, 16, 0);
    return SIGNATURES.find(([, matches]) => matches(buffer))?.[0] ?? null;
  } finally {
    await handle.close();
  }
}

const HEIC_BRANDS = /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/;

async function looksLikeHeic(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(12), 0, 12, 0);
    return (
      bytesRead === 12 &&
      buffer.toString('latin1', 4, 8) === 'ftyp' &&
      HEIC_BRANDS.test(buffer.toString('latin1', 8, 12))
    );
  } finally {
    await handle.close();
  }
}

/** Size in bytes, or a clear refusal for a missing or empty file. */
export async function checkFile(file: string): Promise<number> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw imageErrors.notAnImage(file);
    size = info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw imageErrors.missing(file);
  }
  if (size === 0) throw imageErrors.empty(file);
  return size;
}

/** Translates sharp's errors into one-line refusals. */
export async function explainSharpError(file: string, error: unknown, limits: SourceLimits): Promise<AppError> {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return imageErrors.tooManyPixels(file, Math.round(limits.maxPixels / 1_000_000));
  // libtiff reads samples only in whole bytes: a 12-bit TIFF is a kind it cannot read, not a damaged file.
  if (/not a whole number of bytes/i.test(message))
    return imageErrors.unsupportedTiff(file, 'samples of 10, 12 or 14 bits');
  if (/unsupported image format|bad seek|not a known file format|is not in a known format/i.test(message)) {
    if (await looksLikeHeic(file).catch(() => false)) return imageErrors.heicUnsupported(file);
    // Named as an image by its first bytes, yet unreadable: cut short or broken, not some other kind of file.
    return (await announcedFormat(file).catch(() => null)) ? imageErrors.damaged(file) : imageErrors.notAnImage(file);
  }
  if (
    /heif|hevc|compression format has not been built in/i.test(message) &&
    (await looksLikeHeic(file).catch(() => false))
  ) {
    return imageErrors.heicUnsupported(file);
  }
  return imageErrors.damaged(file);
}
