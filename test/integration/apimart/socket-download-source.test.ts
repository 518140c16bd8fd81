import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { DownloadResponse } from '../../../electron/services/apimart/download-source';
import { createSocketDownloadSource } from '../../../electron/services/apimart/socket-download-source';

const TLS = path.resolve(import.meta.dirname, '../../fixtures/tls');
const cert = readFileSync(path.join(TLS, 'localhost-cert.pem'));
const key = readFileSync(path.join(TLS, 'localhost-key.pem'));

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen<T extends Server>(server: T): Promise<{ server: T; port: number }> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** A server that answers each connection with `respond`, given the request head it received. */
async function rawServer(respond: (socket: Socket, requestHead: string) => void): Promise<string> {
  const { port } = await listen(
    createTcpServer((socket) => {
      let head = '';
      socket.on('data', (data: Buffer) => {
        head += data.toString('latin1');
        if (head.includes('\r\n\r\n')) respond(socket, head);
      });
      socket.on('error', () => undefined);
    }),
  );
  return `http://127.0.0.1:${port}/clip.mp4?sig=abc`;
}

/** Reads a whole body, copying each chunk (it is valid only until the next is asked for), slowly if asked. */
async function readAll(response: DownloadResponse, pauseEvery = 0): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response.body) {
    chunks.push(Buffer.from(chunk));
    if (pauseEvery > 0 && chunks.length % pauseEvery === 0) await delay(2);
  }
  return Buffer.concat(chunks);
}

const open = (url: string, headers: Record<string, string> = {}, signal = new AbortController().signal) =>
  createSocketDownloadSource({ readBufferBytes: 16 * 1024 })(url, { headers, signal });

describe('the socket download source', () => {
  it('downloads over TLS into one reused buffer: a slow reader still gets every byte in order', async () => {
    const payload = randomBytes(3 * 1024 * 1024 + 17);
    const { port } = await listen(
      createHttpsServer({ key, cert }, (_request, response) => {
        // Writes of odd sizes so reads and chunks never line up.
        response.writeHead(200, { 'content-type': 'video/mp4' });
        for (let at = 0; at < payload.length; at += 70_001) response.write(payload.subarray(at, at + 70_001));
        response.end();
      }),
    );
    const url = `https://localhost:${port}/clip.mp4`;
    const source = createSocketDownloadSource({ ca: cert, readBufferBytes: 16 * 1024 });
    const response = await source(url, { headers: {}, signal: new AbortController().signal });
    expect(response.status).toBe(200);
    expect(response.header('Content-Type')).toBe('video/mp4');
    expect((await readAll(response, 5)).equals(payload)).toBe(true);
    // A certificate nobody vouches for is refused.
    await expect(
      createSocketDownloadSource()(url, { headers: {}, signal: new AbortController().signal }),
    ).rejects.toThrow(/self-signed|certificate/i);
  });

  it('sends a plain GET with the caller’s headers and nothing it was not given', async () => {
    let received = '';
    const url = await rawServer((socket, head) => {
      received = head;
      socket.end('HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 3-5/6\r\nContent-Length: 3\r\n\r\nabc');
    });
    const response = await open(url, { range: 'bytes=3-' });
    expect(response.status).toBe(206);
    expect((await readAll(response)).toString()).toBe('abc');
    const lines = received.split('\r\n');
    expect(lines[0]).toBe('GET /clip.mp4?sig=abc HTTP/1.1');
    expect(lines).toEqual(
      expect.arrayContaining([`Host: ${new URL(url).host}`, 'range: bytes=3-', 'Connection: close']),
    );
    expect(received.toLowerCase()).not.toContain('authorization');
    await expect(open(url, { 'x-evil': 'a\r\nAuthorization: b' })).rejects.toThrow(/invalid request header/);
  });

  it('reads a chunked body, a body that ends when the connection closes, and skips an interim 103', async () => {
    const payload = randomBytes(200_000);
    const chunked = await rawServer((socket) => {
      socket.write('HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n');
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
      for (let at = 0; at < payload.length; at += 30_000) {
        const piece = payload.subarray(at, at + 30_000);
        socket.write(`${piece.length.toString(16)}\r\n`);
        socket.write(piece);
        socket.write('\r\n');
      }
      socket.end('0\r\n\r\n');
    });
    const first = await open(chunked);
    expect(first.status).toBe(200);
    expect((await readAll(first, 3)).equals(payload)).toBe(true);

    const untilClose = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\n\r\n');
      socket.end(payload);
    });
    expect((await readAll(await open(untilClose))).equals(payload)).toBe(true);
  });

  it('fails a body cut short, by length or mid-chunk, instead of ending it quietly', async () => {
    const byLength = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n');
      socket.end(Buffer.alloc(500, 1));
    });
    await expect(readAll(await open(byLength))).rejects.toThrow(/after 500 of 1000 bytes/);
    const midChunk = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
      socket.end('a\r\n01234');
    });
    await expect(readAll(await open(midChunk))).rejects.toThrow(/before the end of the body/);
    const nothing = await rawServer((socket) => socket.end());
    await expect(open(nothing)).rejects.toThrow(/without answering/);
    const garbage = await rawServer((socket) => socket.end('<html>not http</html>\r\n\r\n'));
    await expect(open(garbage)).rejects.toThrow(/not an HTTP\/1.1 response/);
  });

  it('stops at once when aborted, mid-body', async () => {
    const url = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n');
      socket.write(Buffer.alloc(1000, 1)); // and then nothing more
    });
    const controller = new AbortController();
    const response = await open(url, {}, controller.signal);
    const reading = readAll(response);
    await delay(20);
    controller.abort(new Error('the user cancelled'));
    await expect(reading).rejects.toThrow(/the user cancelled/);
  });
});
