import path from 'node:path';

/**
 * True when the absolute path `candidate` lies strictly inside the folder `folder`. The one containment test every
 * path from outside (a sidecar, a manifest, a URL, a request) is held to. A name that merely begins with two dots
 * (`..draft.mp4`) is inside; only a `..` segment leaves. Across Windows drives `path.relative` answers an absolute
 * path, which is outside too.
 */
export function liesInside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
