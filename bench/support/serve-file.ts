// A plain HTTP server for one file, in its own process so its memory is not counted against the client's.
// Prints its URL on the first line of stdout.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const file = process.argv[2];
if (!file) throw new Error('usage: serve-file.ts <file>');
const size = statSync(file).size;
const server = createServer((request, response) => {
  const match = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
  const start = match ? Number(match[1]) : 0;
  response.writeHead(match ? 206 : 200, {
    'content-type': 'video/mp4',
    'content-length': size - start,
    ...(match ? { 'content-range': `bytes ${start}-${size - 1}/${size}` } : {}),
  });
  createReadStream(file, { start }).pipe(response);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}/video.mp4\n`);
});
