import { EnvHttpProxyAgent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';
import type { FetchLike } from './http-transport';

/**
 * The CLI's fetch: undici's, through the proxy that `HTTPS_PROXY` / `HTTP_PROXY` name, skipping hosts `NO_PROXY`
 * lists — what users behind a corporate proxy expect of a command-line tool. (Node's own fetch ignores those
 * variables on every Node version the CLI allows; the app uses Electron's net.fetch, which follows the system's.)
 */
export function createEnvProxyFetch(env: Readonly<Record<string, string | undefined>>): FetchLike {
  const dispatcher = new EnvHttpProxyAgent({
    httpProxy: env['HTTP_PROXY'] ?? env['http_proxy'],
    httpsProxy: env['HTTPS_PROXY'] ?? env['https_proxy'],
    noProxy: env['NO_PROXY'] ?? env['no_proxy'],
  });
  return async (url, init) => {
    // undici's types describe the same WHATWG objects as the DOM's; only the added dispatcher differs.
    const response = await undiciFetch(url, { ...(init as UndiciRequestInit), dispatcher });
    return response as unknown as Response;
  };
}
