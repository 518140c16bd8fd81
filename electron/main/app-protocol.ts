import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { APP_SCHEME } from '../services/app-protocol/app-origin';
import { resolveAssetPath } from '../services/app-protocol/resolve-asset';

/** Must run before `app.ready`: makes `app://` behave like https (secure context, fetch, relative URLs). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer folder under `app://reelbench/`, refusing anything outside it. */
export function serveRendererFolder(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const file = resolveAssetPath(rendererDir, request.url);
    if (file === null) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}
