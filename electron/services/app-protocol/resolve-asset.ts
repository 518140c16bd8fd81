import path from 'node:path';
import { liesInside } from '../security/lies-inside';
import { APP_HOST, APP_SCHEME } from './app-origin';

/**
 * Maps an `app://reelbench/...` request to a file inside the built renderer folder, or null when the request
 * is for another host, is malformed, or would escape the folder (`..`, encoded separators, NUL bytes).
 */
export function resolveAssetPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;

  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, relative);
  return liesInside(root, resolved) ? resolved : null;
}
