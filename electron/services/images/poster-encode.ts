import sharp from 'sharp';
import { appError } from '../../../shared/i18n/error-text';

/** Posters are shown in a grid: 640 px wide is sharp on a high-density screen and small on disk. */
const POSTER_WIDTH = 640;
const MAX_POSTER_INPUT_BYTES = 8 * 1024 * 1024;

/**
 * Turns a frame the renderer captured (PNG, JPEG or WebP bytes) into the stored poster. The bytes come from the
 * page, so they are treated as untrusted: size-capped, decoded with a pixel limit, re-encoded.
 */
export async function encodePoster(image: Buffer): Promise<Buffer> {
  if (image.length === 0 || image.length > MAX_POSTER_INPUT_BYTES) {
    throw appError('invalidInput', 'error.poster.unusable');
  }
  try {
    return await sharp(image, { limitInputPixels: 40_000_000, failOn: 'truncated' })
      .resize({ width: POSTER_WIDTH, withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer();
  } catch {
    throw appError('invalidInput', 'error.poster.unusable');
  }
}
