// Small text operations written as loops rather than patterns: each runs in linear time on any input, where the
// obvious regexes (/\/+$/, /[. ]+$/, /```…([\s\S]*?)```/) backtrack in quadratic time on a hostile string.

/** `text` without any of `characters` at its end: `https://x.ai///` → `https://x.ai`. */
export function trimEndOf(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && characters.includes(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end);
}

/** What a chat model wrote inside its first code fence (its language tag dropped), or null when there is none. */
export function firstFenced(text: string): string | null {
  const open = text.indexOf('```');
  if (open < 0) return null;
  const close = text.indexOf('```', open + 3);
  if (close < 0) return null;
  return withoutLanguageTag(text.slice(open + 3, close));
}

/** The inside of a text that is one code fence from start to end, or null when it is not. */
export function wholeFenced(text: string): string | null {
  if (text.length < 6 || !text.startsWith('```') || !text.endsWith('```')) return null;
  return withoutLanguageTag(text.slice(3, -3));
}

/** ` json\n{…}` → `{…}`: the letters right after the opening fence name the language. */
function withoutLanguageTag(inside: string): string {
  let at = 0;
  while (at < inside.length && /[a-z]/i.test(inside.charAt(at))) at += 1;
  return inside.slice(at).trimStart();
}
