import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * True when `file` is a plain file (not a link) whose real location is inside `root`'s real location. The library
 * folder is shared input: a `clip.ref.jpg` that links to `~/.ssh/id_rsa`, or a folder that links out of the
 * library, must never be served or copied. The root itself may sit behind a link (a library on another drive).
 */
export function isRealFileInside(file: string, root: string): boolean {
  try {
    if (!lstatSync(file).isFile()) return false;
    const inside = path.relative(realpathSync(root), realpathSync(file));
    return inside !== '' && !inside.startsWith('..') && !path.isAbsolute(inside);
  } catch {
    return false;
  }
}
