import { stat } from 'node:fs/promises';
import { AppError } from '../../shared/errors';

/**
 * Checks a path the user typed before anything reads it, and says what is true of it with the whole path tried
 * (a relative path resolved against the wrong folder is the usual mistake): nothing there, or a folder. Answers the
 * path when it names a file.
 */
export async function requireUserFile(file: string): Promise<string> {
  const kind = await stat(file).then(
    (stats) => (stats.isDirectory() ? 'folder' : 'file'),
    () => 'missing',
  );
  if (kind === 'missing') throw new AppError('notFound', `There is no file at ${file}.`, "Check the file's path.");
  if (kind === 'folder') throw new AppError('invalidInput', `${file} is a folder, not a file.`, 'Name a file in it.');
  return file;
}
