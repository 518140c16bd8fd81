import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from '../services/app-protocol/app-origin';
import { resolveAssetPath } from '../services/app-protocol/resolve-asset';
import { withSecurityHeaders } from '../services/app-protocol/security-headers';

/** Must run before `app.ready`: makes `app://` behave like https (secure context, fetch, relative URLs). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // `stream`: Electron's docs require it for <video> to play (and seek) from a custom scheme.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Answers `app://reelbench/media/...` requests (library videos, posters, reference images). */
export type MediaHandler = (pathname: string, range: string | null) => Promise<Response>;

/** Serves the built renderer folder under `app://reelbench/`, refusing anything outside it, and the media route. */
export function serveApp(rendererDir: string, media: MediaHandler): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host === APP_HOST && url.pathname.startsWith('/media/'))
      return withSecurityHeaders(await media(url.pathname, request.headers.get('range')));
    const file = resolveAssetPath(rendererDir, request.url);
    if (file === null) return withSecurityHeaders(new Response('Not found', { status: 404 }));
    return withSecurityHeaders(await net.fetch(pathToFileURL(file).toString()));
  });
}
