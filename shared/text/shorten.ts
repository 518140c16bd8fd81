/**
 * The most characters of a message from outside (a server's reason, an error body's text) that Reelbench keeps, shows
 * or matches a pattern against: a reason a person reads is a sentence or two, and every limit downstream (stored
 * jobs, IPC messages) is far above it.
 */
export const MAX_MESSAGE_CHARS = 2_000;

/** `text` cut to at most `max` characters, between code points, with "…" in place of what was cut. */
export function shortenText(text: string, max = MAX_MESSAGE_CHARS): string {
  if (text.length <= max) return text;
  let end = max - 1;
  // Never split a surrogate pair: half an emoji is not a character anything can show.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
