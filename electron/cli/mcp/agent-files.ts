import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { PICKABLE_IMAGE_EXTENSIONS } from '../../../shared/images/pickable-images';

// Larger than any photo a user picks; the image service's own limits then apply to what it decodes.
const MAX_IMAGE_BYTES = 100 * 1024 * 1024;

const refused = (message: string, action?: string) => new AppError('invalidInput', message, action);

/**
 * A path an assistant names, read only if it is an image file the user could pick in the window: a full path, an
 * image extension the file dialog offers, a regular file (not a folder, device or pipe) of a sane size. Answers its
 * real path. The image service then decodes it, and refuses what is not really an image.
 */
export async function requireAgentImage(file: string): Promise<string> {
  if (file.includes('\u0000')) throw refused('That path is not a path.');
  if (!path.isAbsolute(file)) throw refused(`"${file}" is not a full path.`, 'Give the image file’s full path.');
  const extension = path.extname(file).slice(1).toLowerCase();
  if (!(PICKABLE_IMAGE_EXTENSIONS as readonly string[]).includes(extension))
    throw refused(
      `"${path.basename(file)}" is not an image file Reelbench opens.`,
      `Name a ${PICKABLE_IMAGE_EXTENSIONS.join(', ')} file.`,
    );
  const real = await realpath(file).catch(() => null);
  const info = real === null ? null : await stat(real).catch(() => null);
  if (real === null || info === null) throw new AppError('notFound', `There is no file at ${file}.`);
  if (!info.isFile()) throw refused(`${file} is not a regular file.`);
  if (info.size > MAX_IMAGE_BYTES) throw refused(`${file} is larger than an image Reelbench takes (100 MB).`);
  return real;
}
