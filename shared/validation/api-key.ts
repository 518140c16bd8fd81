/** Longer than any real API key; a paste this long is a mistake (a whole file, a log). */
const MAX_API_KEY_LENGTH = 512;
const MIN_API_KEY_LENGTH = 8;

/** Why a paste cannot be a key: a catalog message and its values. Never echoes the value. */
export type ApiKeyProblem =
  | {
      readonly key: 'error.key.empty' | 'error.key.spaces' | 'error.key.tooShort';
      readonly params: Record<string, never>;
    }
  | { readonly key: 'error.key.tooLong'; readonly params: { readonly length: number } };

/** A pasted key, trimmed and accepted, or why it cannot be a key. */
export type ApiKeyCheck =
  { readonly ok: true; readonly key: string } | { readonly ok: false; readonly problem: ApiKeyProblem };

/** Checks a pasted API key: trimmed, not empty, no whitespace inside, a plausible length. */
export function checkApiKey(raw: string): ApiKeyCheck {
  const key = raw.trim();
  if (key.length === 0) return { ok: false, problem: { key: 'error.key.empty', params: {} } };
  if (/\s/.test(key)) return { ok: false, problem: { key: 'error.key.spaces', params: {} } };
  if (key.length > MAX_API_KEY_LENGTH)
    return { ok: false, problem: { key: 'error.key.tooLong', params: { length: key.length } } };
  if (key.length < MIN_API_KEY_LENGTH) return { ok: false, problem: { key: 'error.key.tooShort', params: {} } };
  return { ok: true, key };
}

/** The last four characters: enough to tell two keys apart, nothing more. */
export function keyHint(key: string): string {
  return key.slice(-4);
}
