import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startForwardProxy, type ForwardProxy } from '../../support/forward-proxy';
import { mp4Payload } from '../../support/video-payload';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');
const CERT = path.join(ROOT, 'test/fixtures/tls/localhost-cert.pem');
const KEY = path.join(ROOT, 'test/fixtures/tls/localhost-key.pem');
const payload = mp4Payload(3 * 1024 * 1024 + 5);

let dir: string;
let proxy: ForwardProxy;
const servers: Server[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-proxy-'));
  proxy = await startForwardProxy();
});
afterEach(async () => {
  await proxy.close();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await rm(dir, { recursive: true, force: true });
});

async function serveVideo(secure: boolean): Promise<number> {
  const handler = (_request: unknown, response: ServerResponse) =>
    response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': payload.length }).end(payload);
  const server = secure
    ? createHttpsServer({ cert: await readFile(CERT), key: await readFile(KEY) }, handler)
    : createHttpServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Downloads `link` as the CLI does, in a child process with `env` (and the test certificate vouched for). */
async function downloadAsCli(link: string, env: Record<string, string>): Promise<Buffer> {
  const destination = path.join(dir, 'clip.mp4');
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/_proxy$/i.test(name)));
  await run(
    process.execPath,
    ['--import', './scripts/register-ts.js', 'test/support/proxy-download-child.ts', link, destination],
    { cwd: ROOT, env: { ...clean, NODE_EXTRA_CA_CERTS: CERT, ...env } },
  );
  return readFile(destination);
}

describe("the CLI's downloads behind a proxy", () => {
  it('tunnel an https video link through HTTPS_PROXY', async () => {
    const port = await serveVideo(true);
    const got = await downloadAsCli(`https://localhost:${port}/clip.mp4`, { HTTPS_PROXY: proxy.url });
    expect(got.equals(payload)).toBe(true);
    expect(proxy.seen).toEqual([`CONNECT localhost:${port}`]);
  });

  it('take a plain-http link on this machine through HTTP_PROXY (undici tunnels it too)', async () => {
    const port = await serveVideo(false);
    const link = `http://127.0.0.1:${port}/clip.mp4`;
    expect((await downloadAsCli(link, { HTTP_PROXY: proxy.url })).equals(payload)).toBe(true);
    expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${port}`]);
  });

  it('go direct to hosts NO_PROXY lists, and with no proxy set', async () => {
    const port = await serveVideo(true);
    const link = `https://localhost:${port}/clip.mp4`;
    expect((await downloadAsCli(link, { HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost' })).equals(payload)).toBe(true);
    expect((await downloadAsCli(link, {})).equals(payload)).toBe(true);
    expect(proxy.seen).toEqual([]);
  });
});
