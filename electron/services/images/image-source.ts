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
 * Opens an image with the safety limits applied; only the first frame of animations is read. Decoding stops at the
 * first warning: a damaged file that another decoder would reject must be refused ("the image is damaged"), not
 * turned into a uniform blank frame that is then uploaded and billed.
 */
export function openImage(input: string | Buffer, limits: SourceLimits): Sharp {
  return sharp(input, { limitInputPixels: limits.maxPixels, failOn: 'warning', animated: false });
}

/**
 * Refuses the uncommon variants that decode wrongly rather than fail: TIFFs with signed samples or sample sizes
 * other than 8 or 16 bits (12-bit scientific TIFFs come out as noise or black).
 */
export function refuseMisdecodedVariants(file: string, metadata: Metadata): void {
  if (metadata.format !== 'tiff') return;
  const signed = metadata.depth === 'char' || metadata.depth === 'short';
  const bits = metadata.bitsPerSample;
  if (signed || (bits !== undefined && bits !== 8 && bits !== 16)) throw imageErrors.damaged(file);
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
  if (/unsupported image format|bad seek|not a known file format|is not in a known format/i.test(message)) {
    return (await looksLikeHeic(file).catch(() => false))
      ? imageErrors.heicUnsupported(file)
      : imageErrors.notAnImage(file);
  }
  if (
    /heif|hevc|compression format has not been built in/i.test(message) &&
    (await looksLikeHeic(file).catch(() => false))
  ) {
    return imageErrors.heicUnsupported(file);
  }
  return imageErrors.damaged(file);
}
