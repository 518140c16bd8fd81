import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** A loopback HTTP server for the built renderer folder, standing in for the app:// protocol in the browser tests. */
export interface StaticServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** Answers `/media/...` as the app's protocol handler does. */
export type MediaHandler = (pathname: string, range: string | null) => Promise<Response>;

async function sendWebResponse(answer: Response, response: ServerResponse): Promise<void> {
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  if (answer.body) for await (const chunk of answer.body) response.write(chunk);
  response.end();
}

/** Serves `rootDir` on 127.0.0.1 at a free port, and the library media route, same-origin as in the app. */
export async function serveFolder(rootDir: string, media?: MediaHandler): Promise<StaticServer> {
  const root = path.resolve(rootDir);
  const server: Server = createServer((request, response) => {
    const rawPath = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (media && rawPath.startsWith('/media/')) {
      media(rawPath, request.headers.range ?? null)
        .then((answer) => sendWebResponse(answer, response))
        .catch(() => response.writeHead(500).end());
      return;
    }
    const pathname = decodeURIComponent(rawPath);
    const file = path.resolve(root, pathname === '/' ? 'index.html' : `.${pathname}`);
    if (!file.startsWith(root + path.sep)) {
      response.writeHead(403).end();
      return;
    }
    stat(file).then(
      (info) => {
        if (!info.isFile()) throw new Error('not a file');
        response.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
        createReadStream(file).pipe(response);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
