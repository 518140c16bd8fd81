import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { liesInside } from '../security/lies-inside';

/**
 * True when `file` is a plain file (not a link) whose real location is inside `root`'s real location (and inside its
 * `folder`, when one is named). The library folder is shared input: a `clip.ref.jpg` that links to `~/.ssh/id_rsa`,
 * or a folder that links out of the library — even one inside it — must never be served, copied, moved or trashed.
 * The root itself may sit behind a link (a library on another drive).
 */
export async function realFileInside(file: string, root: string, folder = ''): Promise<boolean> {
  try {
    return (await lstat(file)).isFile() && liesInside(path.join(await realpath(root), folder), await realpath(file));
  } catch {
    return false;
  }
}

/**
 * True when a file may be created or moved to `target` without leaving `root`: the nearest folder on its path that
 * exists really lies inside `root` (so no folder on the way links out), and `target` itself is not a link.
 */
export async function realPlaceInside(target: string, root: string): Promise<boolean> {
  try {
    const realRoot = await realpath(root);
    // Stryker disable next-line ArrowFunction: undefined and null both mean "nothing there" to the check below
    const last = await lstat(target).catch(() => null);
    if (last?.isSymbolicLink()) return false;
    for (let folder = path.dirname(target); ; folder = path.dirname(folder)) {
      const real = await realpath(folder).catch(() => null);
      if (real !== null) return real === realRoot || liesInside(realRoot, real);
      // Stryker disable next-line all: reached only when not even the drive's root resolves (a drive that vanished)
      if (path.dirname(folder) === folder) return false;
    }
  } catch {
    return false;
  }
}
