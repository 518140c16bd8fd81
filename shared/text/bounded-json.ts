/** How deeply nested JSON from outside may be: Reelbench's own files and APIMart's answers stay under ten levels. */
export const MAX_JSON_DEPTH = 64;

/** Thrown for JSON nested deeper than allowed: parsed, it would overflow the stack of whatever walks it next. */
export class JsonTooDeepError extends Error {
  constructor(maxDepth: number) {
    super(`JSON nested more than ${maxDepth} levels deep`);
    this.name = 'JsonTooDeepError';
  }
}

/**
 * The deepest nesting of arrays and objects in `text`, counted in one pass and stopping once past `limit`; brackets
 * inside strings do not count. Not a validator: JSON.parse still decides whether the text is JSON.
 */
function nestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (inString) {
      if (code === 0x5c)
        at += 1; // a backslash: the next character is escaped
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 0x7d || code === 0x5d) depth -= 1;
  }
  return false;
}

/**
 * JSON.parse for text from outside (a shared library's sidecars, an imported file, a server's answer): refuses,
 * before parsing, anything nested deeper than `maxDepth`, so no later copy, rewrite or check recurses off the stack.
 */
export function parseJsonWithin(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (nestingExceeds(text, maxDepth)) throw new JsonTooDeepError(maxDepth);
  return JSON.parse(text) as unknown;
}
