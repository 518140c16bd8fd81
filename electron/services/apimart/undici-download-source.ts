import { Agent, request, type Dispatcher } from 'undici';
import type { DownloadSource } from './download-source';

/**
 * Downloads with undici's streaming `request`: Node's own HTTP client without the web-stream layer of `fetch`,
 * which costs about a third more CPU per byte. The CLI uses it; the app keeps Electron's net.fetch for proxies.
 */
export function createUndiciDownloadSource(
  // No redirect interceptor: redirects come back to the caller, who checks each hop before following it.
  dispatcher: Dispatcher = new Agent(),
): DownloadSource {
  return async (url, init) => {
    const response = await request(url, { method: 'GET', headers: init.headers, signal: init.signal, dispatcher });
    return {
      status: response.statusCode,
      header: (name) => {
        const value = response.headers[name.toLowerCase()];
        return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
      },
      body: response.body,
      discard: async () => {
        // dump() reads a short body to its end (keeping the connection reusable) and aborts a long one; the abort
        // is expected, so it must not surface as an unhandled stream error.
        response.body.on('error', () => undefined);
        await response.body.dump().catch(() => undefined);
      },
    };
  };
}
