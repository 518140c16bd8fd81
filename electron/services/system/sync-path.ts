import { open } from 'node:fs/promises';

/** Forces a file's (or a folder's) contents to the disk. */
export async function syncPath(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems refuse to sync a folder (EINVAL, EISDIR on Windows): the file's own sync is what matters.
    if (!['EINVAL', 'EISDIR', 'EPERM', 'ENOTSUP'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}
