import { EnvHttpProxyAgent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';
import type { FetchLike } from './http-transport';
import { guardedLookup } from './local-network';

/**
 * The CLI's fetch: undici's, through the proxy that `HTTPS_PROXY` / `HTTP_PROXY` name, skipping hosts `NO_PROXY`
 * lists — what users behind a corporate proxy expect of a command-line tool. (Node's own fetch ignores those
 * variables on every Node version the CLI allows; the app uses Electron's net.fetch, which follows the system's.)
 * Direct connections refuse local-network addresses for every host `mayBeLocal` does not accept, checked on the
 * address connected to; through a proxy, the proxy resolves names, and the check before each request is what holds.
 */
export function createEnvProxyFetch(
  env: Readonly<Record<string, string | undefined>>,
  mayBeLocal: (host: string) => boolean = () => true,
): FetchLike {
  const dispatcher = new EnvHttpProxyAgent({
    httpProxy: env['HTTP_PROXY'] ?? env['http_proxy'],
    httpsProxy: env['HTTPS_PROXY'] ?? env['https_proxy'],
    noProxy: env['NO_PROXY'] ?? env['no_proxy'],
    connect: { lookup: guardedLookup(mayBeLocal) },
  });
  return async (url, init) => {
    // undici's types describe the same WHATWG objects as the DOM's; only the added dispatcher differs.
    const response = await undiciFetch(url, { ...(init as UndiciRequestInit), dispatcher });
    return response as unknown as Response;
  };
}
