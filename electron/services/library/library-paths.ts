import { trimEndOf } from '../../../shared/text/plain-text';
import path from 'node:path';
import { liesInside } from '../security/lies-inside';
import { REFERENCE_INFIX, SIDECAR_SUFFIX } from '../../../shared/library/sidecar';

/** Library-relative paths are stored with '/' on every OS, so a catalog survives a copy between systems. */
export function toRelative(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}

/**
 * The absolute path of a library-relative path, or null when it would leave the library (absolute paths, `..`,
 * NUL bytes, drive letters). Every path that comes from a sidecar, the catalog or a request goes through here.
 */
export function resolveInside(root: string, relative: string): string | null {
  if (relative.length === 0 || relative.includes('\0') || path.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative))
    return null;
  const base = path.resolve(root);
  const resolved = path.resolve(base, ...relative.split('/'));
  return liesInside(base, resolved) ? resolved : null;
}

const VIDEO_EXTENSION = /\.mp4$/i;

/** True for the library's videos. */
export function isVideo(name: string): boolean {
  return VIDEO_EXTENSION.test(name);
}

/** `clips/fox.mp4` → `clips/fox`: videos and sidecars are paired by this. */
export function stemOfVideo(relative: string): string {
  return relative.replace(VIDEO_EXTENSION, '');
}

/** `clips/fox.reelbench.json` → `clips/fox`. */
export function stemOfSidecar(relative: string): string {
  return relative.slice(0, -SIDECAR_SUFFIX.length);
}

/** The sidecar's path for a stem. */
export function sidecarFor(stem: string): string {
  return `${stem}${SIDECAR_SUFFIX}`;
}

/** The reference image's file name for a stem and an extension (`jpg`). */
export function referenceNameFor(stem: string, extension: string): string {
  return `${path.posix.basename(stem)}${REFERENCE_INFIX}.${extension}`;
}

/** A temporary file of a sidecar's or a copy's atomic write (or write-file-atomic's `x.reelbench.json.123456`). */
export function isTempFile(name: string): boolean {
  return /\.reelbench\.json\.\d+$/.test(name) || name.endsWith('.reelbench-tmp');
}

/** A readable, safe file stem from a title: `2026-11-24 red fox in snow`. */
export function fileStemFor(title: string, date: Date): string {
  const day = date.toISOString().slice(0, 10);
  const words = title
    .normalize('NFKC')
    // A lone surrogate (half an emoji cut off somewhere) cannot be a file name on every system.
    .toWellFormed()
    // Characters Windows refuses, control characters, and format characters (bidi overrides that make
    // "clip\u202Egpj.exe" read as "clipexe.jpg", zero-width joiners), each as a space (runs collapse below).
    .replace(/[\\/:*?"<>|\p{Cc}\p{Cf}]/gu, ' ')
    .trim()
    .split(/\s+/)
    .slice(0, 8)
    .join(' ');
  // Trailing dots and spaces are dropped by Windows; the name stays well under 255 bytes with the longest suffix.
  const stem = trimEndOf(truncateUtf8(words, STEM_BYTES), '. ');
  return stem ? `${day} ${stem}` : day;
}

/** The most a stem's words take, in UTF-8 bytes: with the date and `.reelbench.json`, far from the 255-byte limit. */
const STEM_BYTES = 180;

/** The longest prefix of `text` within `bytes` UTF-8 bytes, cut between characters, never inside one. */
function truncateUtf8(text: string, bytes: number): string {
  let used = 0;
  let kept = '';
  for (const character of text) {
    used += Buffer.byteLength(character);
    if (used > bytes) break;
    kept += character;
  }
  return kept;
}
