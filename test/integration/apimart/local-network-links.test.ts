import { createServer, type Server } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApimartClient } from '../../../electron/services/apimart/apimart-client';
import { createEnvProxyFetch } from '../../../electron/services/apimart/env-proxy-fetch';
import { isLocalNetworkRefusal } from '../../../electron/services/apimart/local-network';

// A generated video lives on a public CDN. A link (or a redirect hop) into the user's own network is an answer trying
// to make Reelbench reach something there — a router's admin page, a cloud metadata service — and is never followed.
let dir: string;
let server: Server;
let requests: string[];
let port: number;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-lan-'));
  requests = [];
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'video/mp4' }).end('not reached');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe.each([
  { name: "Node's fetch", fetch: (url: string, init: RequestInit) => fetch(url, init) },
  { name: "the CLI's fetch", fetch: createEnvProxyFetch({}, (host) => host === 'api.apimart.ai') },
])('video links into the local network, through $name', ({ fetch: clientFetch }) => {
  const client = () =>
    createApimartClient({
      fetch: clientFetch,
      baseUrl: 'https://api.apimart.ai',
      keySource: { read: async () => null },
    });

  it.each([
    'https://10.20.30.40/clip.mp4',
    'https://192.168.1.1/clip.mp4',
    'https://172.16.0.9/clip.mp4',
    'https://169.254.169.254/latest/meta-data/',
    'https://100.64.0.1/clip.mp4',
    'https://[fd00::1]/clip.mp4',
    'https://[::ffff:127.0.0.1]/clip.mp4',
  ])('refuses %s, saying why, and never retries it', async (link) => {
    await expect(client().download(link, path.join(dir, 'clip.mp4'))).rejects.toMatchObject({
      code: 'malformed',
      message: expect.stringMatching(
        /^APIMart sent a link into your local network \(.+\); Reelbench does not follow it\.$/,
      ),
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a name that resolves to this machine before connecting to it', async () => {
    await expect(
      client().download(`https://localhost:${port}/clip.mp4`, path.join(dir, 'clip.mp4')),
    ).rejects.toMatchObject({ message: expect.stringContaining('(localhost)') });
    expect(requests).toEqual([]);
  });
});

describe("the CLI's connection check", () => {
  it('refuses on the address actually connected to, whatever was checked before (DNS rebinding)', async () => {
    const guarded = createEnvProxyFetch({}, () => false);
    const refusal = await guarded(`http://localhost:${port}/clip.mp4`, {}).catch((error: unknown) => error);
    expect(isLocalNetworkRefusal(refusal)).toBe(true);
    expect(requests).toEqual([]);
    // The API's own host, when allowed, connects as usual.
    const allowed = createEnvProxyFetch({}, (host) => host === 'localhost');
    expect((await allowed(`http://localhost:${port}/clip.mp4`, {})).status).toBe(200);
    expect(requests).toEqual(['/clip.mp4']);
  });
});
