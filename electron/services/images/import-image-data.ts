import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { appError } from '../../../shared/i18n/error-text';

/** Pasted and dropped images larger than this are refused (a camera's largest raw export is far smaller). */
const MAX_IMPORTED_IMAGE_BYTES = 40 * 1024 * 1024;

/**
 * Saves image bytes the window received (pasted, or dropped from another app) as a file in the cache, so the rest
 * of the pipeline works on a path like any picked image. The bytes are untrusted: size-capped and checked by sharp.
 */
export async function importImageData(dataUrl: string, cacheDir: string): Promise<string> {
  const comma = dataUrl.indexOf(',');
  const bytes = Buffer.from(comma >= 0 ? dataUrl.slice(comma + 1) : '', 'base64');
  if (bytes.length === 0) throw appError('invalidImage', 'error.image.pastedEmpty');
  if (bytes.length > MAX_IMPORTED_IMAGE_BYTES) throw appError('invalidImage', 'error.image.pastedTooLarge');
  let format: string | undefined;
  try {
    format = (await sharp(bytes, { limitInputPixels: 100_000_000 }).metadata()).format;
  } catch {
    throw appError('invalidImage', 'error.image.pastedUnreadable');
  }
  const folder = path.join(cacheDir, 'imports');
  await mkdir(folder, { recursive: true });
  const file = path.join(
    folder,
    `${createHash('sha256').update(bytes).digest('hex').slice(0, 24)}.${format === 'jpeg' ? 'jpg' : (format ?? 'img')}`,
  );
  await writeFile(file, bytes);
  return file;
}
