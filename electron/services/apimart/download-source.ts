import type { FetchLike } from './http-transport';

/** The answer to one download request: status, headers and a body read chunk by chunk. */
export interface DownloadResponse {
  readonly status: number;
  header(name: string): string | null;
  readonly body: AsyncIterable<Uint8Array>;
  /** Releases the connection when the body will not be read. */
  discard(): Promise<void>;
}

/** A GET that streams a (possibly large) public file. The API key is never part of it. */
export type DownloadSource = (
  url: string,
  init: { readonly headers: Record<string, string>; readonly signal: AbortSignal },
) => Promise<DownloadResponse>;

const EMPTY_BODY: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: async function* () {} };

/** Downloads through a fetch: Electron's net.fetch in the app, so system proxies and certificate stores apply. */
export function downloadSourceFromFetch(fetch: FetchLike): DownloadSource {
  return async (url, init) => {
    // Redirects come back to the caller, who checks each hop before following it.
    const response = await fetch(url, {
      method: 'GET',
      headers: init.headers,
      signal: init.signal,
      redirect: 'manual',
    });
    const body = response.body;
    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      // A web ReadableStream is async-iterable in Node and Electron's main process.
      body: body ? (body as unknown as AsyncIterable<Uint8Array>) : EMPTY_BODY,
      discard: async () => {
        await body?.cancel();
      },
    };
  };
}
