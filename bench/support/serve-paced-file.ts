// A file server for the download benchmark, in its own process so its work is not counted against the client's:
// `/paced/<MB per second>` sends the file at that rate (a line of that speed), `/full` as fast as loopback allows.
// Prints its address on the first line of stdout.
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const file = process.argv[2];
if (!file) throw new Error('usage: serve-paced-file.ts <file>');
const bytes = readFileSync(file);
const PIECE = 64 * 1024;

/** Sends the file in pieces, never ahead of `bytesPerMs` since the first byte (a token bucket with no burst). */
async function sendPaced(response: ServerResponse, bytesPerMs: number): Promise<void> {
  const start = performance.now();
  for (let sent = 0; sent < bytes.length && !response.destroyed; sent += PIECE) {
    const due = sent / bytesPerMs - (performance.now() - start);
    if (due > 1) await sleep(due);
    if (!response.write(bytes.subarray(sent, sent + PIECE)))
      await new Promise((resolve) => response.once('drain', resolve));
  }
  response.end();
}

const server = createServer((request, response) => {
  const paced = /^\/paced\/(\d+)$/.exec(request.url ?? '');
  if (!paced && request.url !== '/full') return void response.writeHead(404).end();
  response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(bytes.length) });
  if (!paced) return void response.end(bytes);
  void sendPaced(response, (Number(paced[1]) * 1024 * 1024) / 1000);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
