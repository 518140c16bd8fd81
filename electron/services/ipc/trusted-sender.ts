/** Decides whether an IPC message comes from the app's own page. */
export type TrustedSenderCheck = (senderUrl: string | undefined) => boolean;

/**
 * `scheme://host[:port]` of a URL, or null when it has none worth trusting. Computed by hand because WHATWG URL
 * reports the origin of custom schemes such as `app:` as the opaque "null".
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null; // file:, data:, about:blank and friends
  return `${parsed.protocol}//${parsed.host}`;
}

/** Trusts exactly the given origins (the app's own `app://` origin, plus the dev server while developing). */
export function createTrustedSenderCheck(trustedUrls: readonly string[]): TrustedSenderCheck {
  // An address without an origin enters the set as null, which the check below never matches.
  const trusted = new Set(trustedUrls.map(originOf));
  return (senderUrl) => {
    // Stryker disable next-line StringLiteral: any text that is not a URL has no origin, exactly as '' has none
    const origin = originOf(senderUrl ?? '');
    return origin !== null && trusted.has(origin);
  };
}
