/** The words of what a person types, as full-text search takes them: at most 20, operators and quotes stripped. */
function searchWords(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .split(/[\s"]+/u)
      // Combining marks (\p{M}) are part of words: without them "हिन्दी" would be searched as "हनद" and found nowhere.
      .map((word) => word.replace(/[^\p{L}\p{M}\p{N}_-]+/gu, ''))
      .filter((word) => word.length > 0)
      .slice(0, 20)
  );
}

/**
 * Turns what a person types into a safe FTS5 query: every word must match, as a prefix ("fox" finds "foxes"),
 * and FTS5 operators typed by accident (quotes, NEAR, AND, *, :) are treated as plain text.
 */
export function toFtsQuery(text: string): string | null {
  const words = searchWords(text);
  return words.length === 0 ? null : words.map((word) => `"${word}"*`).join(' ');
}
