/** Longer than any real API key; a paste this long is a mistake (a whole file, a log). */
export const MAX_API_KEY_LENGTH = 512;
const MIN_API_KEY_LENGTH = 8;

/** A pasted key, trimmed and accepted, or the reason it cannot be a key. Never echoes the value. */
export type ApiKeyCheck =
  { readonly ok: true; readonly key: string } | { readonly ok: false; readonly message: string };

/** Checks a pasted API key: trimmed, not empty, no whitespace inside, a plausible length. */
export function checkApiKey(raw: string): ApiKeyCheck {
  const key = raw.trim();
  if (key.length === 0) return { ok: false, message: 'Paste your APIMart API key first.' };
  if (/\s/.test(key))
    return { ok: false, message: 'An API key has no spaces or line breaks inside; check what was pasted.' };
  if (key.length > MAX_API_KEY_LENGTH) {
    return {
      ok: false,
      message: `That is ${key.length} characters, too long to be an API key; check what was pasted.`,
    };
  }
  if (key.length < MIN_API_KEY_LENGTH) return { ok: false, message: 'That is too short to be an APIMart API key.' };
  return { ok: true, key };
}

/** The last four characters: enough to tell two keys apart, nothing more. */
export function keyHint(key: string): string {
  return key.slice(-4);
}
