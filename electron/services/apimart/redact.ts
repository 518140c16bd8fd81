/** Replaces every occurrence of the key in a text (servers sometimes echo it back in error messages). */
export function redactKey(text: string, key: string): string {
  return key.length > 0 ? text.split(key).join('[redacted]') : text;
}
