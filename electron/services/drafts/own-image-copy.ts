import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { appError } from '../../../shared/i18n/error-text';

/**
 * Copies an image into `folder`, named by its content: a draft or a shot keeps its own copy, so moving or deleting
 * the original breaks nothing.
 */
export async function ownImageCopy(folder: string, source: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(source);
  } catch {
    throw appError('invalidImage', 'error.image.unreadable', { file: path.basename(source) });
  }
  await mkdir(folder, { recursive: true });
  const copy = path.join(
    folder,
    `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}${path.extname(source).toLowerCase()}`,
  );
  await copyFile(source, copy);
  return copy;
}
