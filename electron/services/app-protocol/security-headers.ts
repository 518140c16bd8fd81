/**
 * The window's Content-Security-Policy, exactly as renderer/index.html's meta tag states it (a test holds the two
 * equal). Sent as a header too: a header also covers what a meta tag cannot (frame-ancestors, responses that are
 * not HTML), and it holds even if the page's markup were ever altered.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** A response of the app:// scheme with the security headers every one of them carries. */
export function withSecurityHeaders(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
  // The media route and the assets say what they are; nothing is to be guessed from their bytes.
  headers.set('x-content-type-options', 'nosniff');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
