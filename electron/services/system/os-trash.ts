import trash from 'trash';

/**
 * Moves one file to the OS trash without Electron (the CLI): the freedesktop trash on Linux, the Recycle Bin on
 * Windows, the Finder's trash on macOS — never a permanent delete, as the app's removals promise.
 */
export async function moveToOsTrash(file: string): Promise<void> {
  await trash(file, { glob: false });
}
