import { randomBytes } from 'node:crypto';
import { appError } from '../../../shared/i18n/error-text';
import { IMAGE_TOKEN_PATTERN } from '../../../shared/images/image-token';

/**
 * The window never names a file. Files enter only through main's own doors — its file picker, a drop or a paste
 * (whose bytes main writes into its cache) — and main hands the window an opaque token for each; so do the image
 * slots of drafts, shots, characters and jobs on their way out. Whatever the window sends back is only ever
 * looked up here: a path, a UNC share or a token main never issued is refused before anything is read.
 */
export interface ImageTokens {
  /** The token for a file main chose or wrote; one file keeps one token for the life of the process. */
  issue(file: string): string;
  /** The file behind a token main issued; a clear refusal for anything else. */
  fileOf(token: string): string;
  /** `value` with every image slot's file (`images[].path`, at any depth) replaced by its token, for the window. */
  forWindow<T>(value: T): T;
}

interface FileSlot {
  readonly path: string;
}

function isFileSlot(value: unknown): value is FileSlot {
  return typeof value === 'object' && value !== null && typeof (value as { path?: unknown }).path === 'string';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The tokens of one process (they mean nothing to another, nor after a restart: the window asks again). */
export function createImageTokens(): ImageTokens {
  const files = new Map<string, string>();
  const tokens = new Map<string, string>();

  const issue = (file: string): string => {
    const known = tokens.get(file);
    if (known !== undefined) return known;
    const token = `img_${randomBytes(18).toString('base64url')}`;
    files.set(token, file);
    tokens.set(file, token);
    return token;
  };

  const forWindow = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(forWindow);
    if (!isPlainObject(value)) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      copy[key] =
        key === 'images' && Array.isArray(entry)
          ? entry.map((slot) => (isFileSlot(slot) ? { ...slot, path: issue(slot.path) } : slot))
          : forWindow(entry);
    }
    return copy;
  };

  return {
    issue,
    fileOf(token) {
      const file = IMAGE_TOKEN_PATTERN.test(token) ? files.get(token) : undefined;
      if (file === undefined) throw appError('invalidInput', 'error.image.notGranted');
      return file;
    },
    forWindow: <T>(value: T) => forWindow(value) as T,
  };
}
