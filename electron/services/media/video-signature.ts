import { open } from 'node:fs/promises';

/**
 * True when the file starts like an MP4 or QuickTime movie: a first box of type `ftyp` (ISO base media) — or, for
 * older QuickTime files, `moov`, `mdat`, `free`, `skip` or `wide`. An empty file, random bytes or a text file named
 * `.mp4` is not catalogued as a video.
 */
export async function looksLikeVideo(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const header = Buffer.alloc(12);
    const { bytesRead } = await handle.read(header, 0, 12, 0);
    if (bytesRead < 8) return false;
    return /^(ftyp|moov|mdat|free|skip|wide)$/.test(header.toString('latin1', 4, 8));
  } finally {
    await handle.close();
  }
}
