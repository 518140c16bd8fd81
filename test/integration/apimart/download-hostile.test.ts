import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadToFile, partialPathFor, type DownloadDeps } from '../../../electron/services/apimart/download';
import { createEnvProxyFetch } from '../../../electron/services/apimart/env-proxy-fetch';
import { createRecordingLogger } from '../../support/recording-logger';
import { mp4Payload } from '../../support/video-payload';

// Answers that break HTTP's framing, on every download path that remains: said to be the server's fault (not the
// network's), logged with their cause, tried a bounded number of times, and never filed.
let dir: string;
const servers: Server[] = [];
const sockets: Socket[] = [];
let connections: number;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-framing-'));
  connections = 0;
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await rm(dir, { recursive: true, force: true });
});

/** A server that answers every request with what `respond` writes on the raw socket. */
async function rawServer(respond: (socket: Socket) => void): Promise<string> {
  const server = createServer((socket) => {
    connections += 1;
    sockets.push(socket);
    let head = '';
    socket.on('data', (data: Buffer) => {
      head += data.toString('latin1');
      if (head.includes('\r\n\r\n')) {
        head = '';
        respond(socket);
      }
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/clip.mp4`;
}

const video = mp4Payload(4_000);
const head = (lines: string) => `HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\n${lines}\r\n`;

describe.each([
  { name: "Node's fetch", fetch: undefined },
  { name: "the CLI's fetch", fetch: createEnvProxyFetch({}) },
])('hostile download answers, through $name', ({ fetch: viaFetch }) => {
  const logger = createRecordingLogger();
  const deps = (extra: Partial<DownloadDeps> = {}): DownloadDeps => ({
    fetch: viaFetch ?? ((url, init) => fetch(url, init)),
    baseUrl: 'http://127.0.0.1',
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    logger,
    ...extra,
  });
  const client = (extra: Partial<DownloadDeps> = {}) => ({
    download: (url: string, destination: string, options = {}) =>
      downloadToFile(deps(extra), url, destination, options),
  });

  it.each([
    [
      'chunked with a Content-Length (HTTP says to treat it as an error)',
      `${head('Transfer-Encoding: chunked\r\nContent-Length: 3\r\n')}fa0\r\n${video.toString('latin1')}\r\n0\r\n\r\n`,
    ],
    ['a chunk size that is not a number', `${head('Transfer-Encoding: chunked\r\n')}zz\r\nhello\r\n0\r\n\r\n`],
    ['two different lengths', `${head('Content-Length: 4000\r\nContent-Length: 4001\r\n')}${video.toString('latin1')}`],
    ['1 MB of headers', `${head(`X-Padding: ${'a'.repeat(1024 * 1024)}\r\nContent-Length: 4000\r\n`)}`],
    ['a compressed body that does not decode', `${head('Content-Encoding: gzip\r\nContent-Length: 5\r\n')}hello`],
    ['no HTTP at all', '<html>not http</html>\r\n\r\n'],
  ])('%s: refused as the server’s error after a bounded number of tries', async (_what, answer) => {
    const url = await rawServer((socket) => socket.end(answer, 'latin1'));
    const destination = path.join(dir, 'clip.mp4');
    await expect(client().download(url, destination)).rejects.toMatchObject({
      code: 'malformed',
      message: expect.stringContaining('the video server answered in a way HTTP does not allow'),
    });
    expect(connections).toBe(3);
    expect(existsSync(destination)).toBe(false);
    expect(logger.lines.some((entry) => entry.message === 'apimart: the video server broke HTTP')).toBe(true);
  });

  it('a body trickling a few bytes at a time fails as too slow and keeps what came, for a later resume', async () => {
    let timers: NodeJS.Timeout[] = [];
    const url = await rawServer((socket) => {
      socket.write(head('Content-Length: 4000\r\n'));
      let at = 0;
      const timer = setInterval(() => {
        if (socket.destroyed) return clearInterval(timer);
        socket.write(video.subarray(at, at + 5));
        at += 5;
      }, 40);
      timers.push(timer);
    });
    const destination = path.join(dir, 'slow.mp4');
    await expect(
      client({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } }).download(
        url,
        destination,
        { minThroughput: { bytes: 1_000, windowMs: 400 } },
      ),
    ).rejects.toMatchObject({
      code: 'network',
      detail: expect.objectContaining({ serverMessage: expect.stringContaining('too slow to finish') }),
    });
    timers.forEach(clearInterval);
    timers = [];
    expect((await stat(partialPathFor(destination))).size).toBeGreaterThan(0);
  });

  it('refuses more bytes than the range it was answered announces, and a body past the largest video', async () => {
    // A 206 for the whole file whose Content-Range says 100 bytes, with a chunked body of 4,000.
    const longer = await rawServer((socket) =>
      socket.end(
        `HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-99/100\r\nTransfer-Encoding: chunked\r\n\r\n` +
          `fa0\r\n${video.toString('latin1')}\r\n0\r\n\r\n`,
        'latin1',
      ),
    );
    await expect(client().download(longer, path.join(dir, 'a.mp4'))).rejects.toMatchObject({
      code: 'malformed',
      message: expect.stringContaining('more bytes than the video link announced'),
    });
    expect(existsSync(partialPathFor(path.join(dir, 'a.mp4')))).toBe(false);

    const endless = await rawServer((socket) =>
      socket.end(`${head('Transfer-Encoding: chunked\r\n')}fa0\r\n${video.toString('latin1')}\r\n0\r\n\r\n`, 'latin1'),
    );
    await expect(client({ maxVideoBytes: 1_000 }).download(endless, path.join(dir, 'b.mp4'))).rejects.toMatchObject({
      code: 'malformed',
    });
    const announced = await rawServer((socket) => socket.end(`${head('Content-Length: 4000\r\n')}`, 'latin1'));
    await expect(client({ maxVideoBytes: 1_000 }).download(announced, path.join(dir, 'c.mp4'))).rejects.toMatchObject({
      code: 'malformed',
      message: expect.stringContaining('larger than any video can be'),
    });
    expect(await Promise.all(['b', 'c'].map((name) => existsSync(path.join(dir, `${name}.mp4`))))).toEqual([
      false,
      false,
    ]);
  });
});
