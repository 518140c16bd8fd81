import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadToFile, partialPathFor, type DownloadDeps } from '../../../electron/services/apimart/download';
import { createEnvProxyFetch } from '../../../electron/services/apimart/env-proxy-fetch';
import type { FetchLike } from '../../../electron/services/apimart/http-transport';
import { createRecordingLogger } from '../../support/recording-logger';
import { mp4Payload } from '../../support/video-payload';

// downloadToFile's rules one by one, against a real local server answering each request as the test says: which
// links and hops it follows, what each status means, how a resume is checked, when it gives up.
type Handler = (request: IncomingMessage, response: ServerResponse, index: number) => void;

let dir: string;
let server: Server;
let base: string;
let handler: Handler;
let requests: { url: string; range: string | undefined }[];
const VIDEO = mp4Payload(50_000);

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-download-rules-'));
  requests = [];
  handler = (_request, response) => response.writeHead(200).end(VIDEO);
  server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', range: request.headers.range });
    handler(request, response, requests.length - 1);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

let logger = createRecordingLogger();
/** The back-off waits asked for between attempts. */
let sleeps: number[] = [];
beforeEach(() => {
  logger = createRecordingLogger();
  sleeps = [];
});
const fetchLike: FetchLike = (url, init) => fetch(url, init);
function deps(extra: Partial<DownloadDeps> = {}): DownloadDeps {
  return {
    fetch: fetchLike,
    baseUrl: base,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 0 },
    sleep: async (milliseconds) => void sleeps.push(milliseconds),
    logger,
    ...extra,
  };
}
const destination = () => path.join(dir, 'clip.mp4');
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe('which links are fetched', () => {
  it('fetches plain http only on this machine, and only while the API itself is here', async () => {
    await expect(downloadToFile(deps({ baseUrl: undefined }), `${base}/v.mp4`, destination())).resolves.toEqual({
      path: destination(),
      bytes: VIDEO.length,
    });
    for (const [baseUrl, link] of [
      ['https://api.apimart.ai', `${base}/v.mp4`],
      ['not an address', `${base}/v.mp4`],
      [base, 'http://video.example/v.mp4'],
      [base, `ftp://127.0.0.1/v.mp4`],
      [base, 'not a link'],
    ] as const) {
      const refused = await failure(downloadToFile(deps({ baseUrl }), link, path.join(dir, 'other.mp4')));
      expect(refused, `${baseUrl} ${link}`).toMatchObject({
        code: 'malformed',
        message: expect.stringContaining('the video link is not an https URL'),
        detail: { rawBody: link },
      });
    }
    expect(requests).toHaveLength(1);
  });

  it('asks nothing once the link has expired, and still asks at the very moment it expires', async () => {
    const at = Date.UTC(2026, 11, 7);
    const expired = await failure(
      downloadToFile(deps({ now: () => at + 1 }), `${base}/v.mp4`, destination(), { expiresAt: at }),
    );
    expect(expired).toMatchObject({ code: 'expired' });
    expect(requests).toHaveLength(0);
    await downloadToFile(deps({ now: () => at }), `${base}/v.mp4`, destination(), { expiresAt: at });
    await downloadToFile(deps({ now: () => at }), `${base}/v.mp4`, path.join(dir, 'b.mp4'), { expiresAt: null });
    expect(requests).toHaveLength(2);
  });
});

describe('redirects', () => {
  it('follows up to five hops and refuses the sixth', async () => {
    handler = (request, response) => {
      const hop = Number(request.url?.slice(1));
      if (hop < 5) response.writeHead(302, { location: `/${hop + 1}` }).end();
      else response.writeHead(200).end(VIDEO);
    };
    await downloadToFile(deps(), `${base}/0`, destination());
    expect(requests.map((request) => request.url)).toEqual(['/0', '/1', '/2', '/3', '/4', '/5']);

    requests = [];
    handler = (request, response) => response.writeHead(301, { location: `${request.url}x` }).end();
    expect(await failure(downloadToFile(deps(), `${base}/loop`, path.join(dir, 'b.mp4')))).toMatchObject({
      code: 'malformed',
      message: expect.stringContaining('too many redirects'),
    });
    expect(requests).toHaveLength(6);
  });

  it('says what is wrong with a hop that leads nowhere or to a link it may not fetch', async () => {
    for (const headers of [{}, { location: 'http://[::1' }]) {
      handler = (_request, response) => response.writeHead(307, headers).end();
      expect(await failure(downloadToFile(deps(), `${base}/v.mp4`, destination()))).toMatchObject({
        code: 'malformed',
        message: expect.stringContaining('a redirect without a valid place to go'),
      });
    }
    handler = (_request, response) => response.writeHead(308, { location: 'http://video.example/v.mp4' }).end();
    expect(await failure(downloadToFile(deps(), `${base}/v.mp4`, destination()))).toMatchObject({
      code: 'malformed',
      message: expect.stringContaining('a redirect to a link that is not https (http://video.example/v.mp4)'),
    });
    expect(requests).toHaveLength(3);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a hop into the local network when the API is not there, before connecting', async () => {
    // The CDN's public name is served by the local server: the transport maps it, as a CDN's address would.
    const viaCdn: FetchLike = (url, init) => fetch(url.replace('https://cdn.example', base), init);
    handler = (_request, response) => response.writeHead(302, { location: 'https://10.1.2.3/v.mp4' }).end();
    const refused = await failure(
      downloadToFile(
        deps({ fetch: viaCdn, baseUrl: 'https://api.apimart.ai', resolveHost: async () => ['93.184.216.34'] }),
        'https://cdn.example/v.mp4',
        destination(),
      ),
    );
    expect(refused).toMatchObject({ code: 'malformed', message: expect.stringContaining('(10.1.2.3)') });
    expect(requests).toHaveLength(1);
  });

  it("refuses, as a local link, a host the CLI's connection finds on this machine", async () => {
    const refused = await failure(
      downloadToFile(
        deps({
          fetch: createEnvProxyFetch({}, () => false),
          baseUrl: 'https://api.apimart.ai',
          resolveHost: async () => ['93.184.216.34'],
        }),
        `https://localhost:${new URL(base).port}/v.mp4`,
        destination(),
      ),
    );
    expect(refused).toMatchObject({ code: 'malformed', message: expect.stringContaining('(localhost)') });
    expect(requests).toHaveLength(0);
    expect(sleeps).toEqual([]);
  });
});

describe('what each answer means', () => {
  it('retries a rate limit and a server error, and files the video that follows', async () => {
    handler = (_request, response, index) => {
      if (index === 0) response.writeHead(429).end();
      else if (index === 1) response.writeHead(500).end();
      else response.writeHead(200).end(VIDEO);
    };
    await downloadToFile(deps(), `${base}/v.mp4`, destination());
    expect(requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect((await readFile(destination())).equals(VIDEO)).toBe(true);
    expect(logger.lines.map((line) => [line.message, line.fields?.['code'], line.fields?.['attempt']])).toEqual([
      ['apimart: download retry', 'rateLimited', 1],
      ['apimart: download retry', 'server', 2],
    ]);
    expect(logger.lines[0]?.fields?.['cause']).toEqual(expect.any(String));
  });

  it('takes any 2xx as the video, and a 3xx that is no redirect as a server error', async () => {
    handler = (_request, response) => response.writeHead(299).end(VIDEO);
    await downloadToFile(deps(), `${base}/v.mp4`, destination());
    handler = (_request, response) => response.writeHead(300).end(VIDEO);
    expect(await failure(downloadToFile(deps(), `${base}/v.mp4`, path.join(dir, 'b.mp4')))).toMatchObject({
      code: 'server',
      detail: { status: 300 },
    });
    expect(requests).toHaveLength(2);
  });

  it('refuses a page that is not a video without retrying, and keeps nothing of it', async () => {
    handler = (_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in</html>');
    expect(await failure(downloadToFile(deps(), `${base}/v.mp4`, destination()))).toMatchObject({
      code: 'malformed',
      message: expect.stringContaining('not a video'),
    });
    expect(requests).toHaveLength(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a body that grows past the largest video, without retrying, and keeps nothing of it', async () => {
    handler = (_request, response) => response.writeHead(200).end(VIDEO);
    const refused = await failure(downloadToFile(deps({ maxVideoBytes: 10_000 }), `${base}/v.mp4`, destination()));
    expect(refused).toMatchObject({
      code: 'malformed',
      message: expect.stringContaining('more bytes than the video link announced'),
    });
    expect(requests).toHaveLength(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it('stops waiting out a back-off when cancelled', async () => {
    handler = (_request, response) => response.writeHead(503).end();
    const controller = new AbortController();
    const cancelled = await failure(
      downloadToFile(
        deps({
          sleep: async () => {
            controller.abort();
            throw new Error('aborted');
          },
        }),
        `${base}/v.mp4`,
        destination(),
        { signal: controller.signal },
      ),
    );
    expect(cancelled).toMatchObject({ code: 'cancelled' });
    expect(requests).toHaveLength(1);
  });

  it('gives up after its attempts with what the last answer was, and never retries other refusals', async () => {
    handler = (_request, response) => response.writeHead(429).end();
    expect(await failure(downloadToFile(deps(), `${base}/v.mp4`, destination()))).toMatchObject({
      code: 'rateLimited',
    });
    expect(requests).toHaveLength(3);
    expect(logger.lines.at(-1)).toMatchObject({ message: 'apimart: download retry', fields: { attempt: 2 } });
    for (const [status, code] of [
      [418, 'server'],
      [499, 'server'],
      [404, 'expired'],
      [410, 'expired'],
    ] as const) {
      requests = [];
      handler = (_request, response) => response.writeHead(status).end();
      expect(await failure(downloadToFile(deps(), `${base}/v.mp4`, destination())), String(status)).toMatchObject({
        code,
      });
      expect(requests, String(status)).toHaveLength(1);
    }
    handler = (_request, response) => response.writeHead(500).end();
    expect(await failure(downloadToFile(deps(), `${base}/v.mp4`, destination()))).toMatchObject({
      code: 'server',
      detail: { status: 500 },
    });
    handler = (_request, response) => response.writeHead(404).end();
    expect(await failure(downloadToFile(deps(), `${base}/v.mp4`, destination()))).toMatchObject({
      code: 'expired',
      detail: { status: 404 },
    });
  });

  it('refuses an announced length past the largest video without reading it', async () => {
    handler = (_request, response) => response.writeHead(200, { 'content-length': String(VIDEO.length) }).end(VIDEO);
    const refused = await failure(
      downloadToFile(deps({ maxVideoBytes: VIDEO.length - 1 }), `${base}/v.mp4`, destination()),
    );
    expect(refused).toMatchObject({
      code: 'malformed',
      message: expect.stringContaining('larger than any video can be'),
    });
    expect(requests).toHaveLength(1);
    await downloadToFile(deps({ maxVideoBytes: VIDEO.length }), `${base}/v.mp4`, destination());
    expect((await readFile(destination())).equals(VIDEO)).toBe(true);
  });

  it('says so when the disk is full, and does not retry', async () => {
    if (process.platform !== 'linux') return;
    // The partial file is a link to /dev/full, where every write fails with ENOSPC.
    await symlink('/dev/full', partialPathFor(destination()));
    expect(await failure(downloadToFile(deps(), `${base}/v.mp4`, destination()))).toMatchObject({ code: 'diskFull' });
    expect(requests).toHaveLength(1);
  });
});

describe('resuming', () => {
  const resumeFrom = async (bytes: number) => writeFile(partialPathFor(destination()), VIDEO.subarray(0, bytes));
  const partial = (response: ServerResponse, from: number, total: string) =>
    response
      .writeHead(206, { 'content-range': `bytes ${from}-${VIDEO.length - 1}/${total}` })
      .end(VIDEO.subarray(from));

  it('continues from the partial file, with or without a known total', async () => {
    for (const total of [String(VIDEO.length), '*']) {
      requests = [];
      await resumeFrom(1_000);
      handler = (_request, response) => partial(response, 1_000, total);
      await expect(downloadToFile(deps(), `${base}/v.mp4`, destination())).resolves.toMatchObject({
        bytes: VIDEO.length,
      });
      expect(requests.map((request) => request.range)).toEqual(['bytes=1000-']);
      expect((await readFile(destination())).equals(VIDEO)).toBe(true);
    }
  });

  it('starts over when the answer does not continue where the file stopped', async () => {
    for (const contentRange of [
      `bytes 0-${VIDEO.length - 1}/${VIDEO.length}`,
      'x bytes 1000-1/2',
      `bytes 1000-1/2 junk`,
      '',
    ]) {
      requests = [];
      await resumeFrom(1_000);
      handler = (_request, response, index) => {
        if (index > 0) return void response.writeHead(200).end(VIDEO);
        response.writeHead(206, contentRange ? { 'content-range': contentRange } : {}).end(VIDEO.subarray(1_000));
      };
      await downloadToFile(deps(), `${base}/v.mp4`, destination());
      expect(
        requests.map((request) => request.range),
        contentRange,
      ).toEqual(['bytes=1000-', undefined]);
      expect((await readFile(destination())).equals(VIDEO), contentRange).toBe(true);
    }
  });

  it('resumes through a redirect, asking the place it leads to for the rest', async () => {
    await resumeFrom(1_000);
    handler = (request, response) => {
      if (request.url === '/v.mp4') response.writeHead(302, { location: '/cdn/v.mp4' }).end();
      else partial(response, 1_000, String(VIDEO.length));
    };
    await downloadToFile(deps(), `${base}/v.mp4`, destination());
    expect(requests.map((request) => request.range)).toEqual(['bytes=1000-', 'bytes=1000-']);
    expect((await readFile(destination())).equals(VIDEO)).toBe(true);
  });

  it('starts the file over when the server ignores the range and sends the whole video', async () => {
    await resumeFrom(1_000);
    handler = (_request, response) => response.writeHead(200).end(VIDEO);
    await downloadToFile(deps(), `${base}/v.mp4`, destination());
    expect((await readFile(destination())).equals(VIDEO)).toBe(true);
  });

  it('starts over after a 416 (the partial file no longer matches), and says so when it keeps coming', async () => {
    await resumeFrom(1_000);
    handler = (_request, response, index) =>
      index === 0 ? response.writeHead(416).end() : response.writeHead(200).end(VIDEO);
    await downloadToFile(deps(), `${base}/v.mp4`, destination());
    expect(requests.map((request) => request.range)).toEqual(['bytes=1000-', undefined]);
    expect((await readFile(destination())).equals(VIDEO)).toBe(true);

    await resumeFrom(1_000);
    handler = (_request, response) => response.writeHead(416).end();
    expect(await failure(downloadToFile(deps(), `${base}/v.mp4`, destination()))).toMatchObject({
      code: 'server',
      detail: { status: 416 },
    });
  });

  it('retries a resume whose answer ends short of the total it announced, and says where it ended', async () => {
    await resumeFrom(1_000);
    handler = (request, response) => {
      const from = Number(/\d+/.exec(request.headers.range ?? '0')?.[0]);
      response
        .writeHead(206, { 'content-range': `bytes ${from}-${VIDEO.length - 1}/${VIDEO.length + 500}` })
        .end(VIDEO.subarray(from));
    };
    expect(await failure(downloadToFile(deps(), `${base}/v.mp4`, destination()))).toMatchObject({
      code: 'network',
      detail: { serverMessage: `download ended at ${VIDEO.length} of ${VIDEO.length + 500} bytes` },
    });
    expect(requests.length).toBe(3);
  });

  it('names a resume that never continues where it stopped', async () => {
    await resumeFrom(1_000);
    handler = (_request, response) => response.writeHead(206).end(VIDEO.subarray(1_000));
    expect(await failure(downloadToFile(deps(), `${base}/v.mp4`, destination()))).toMatchObject({
      code: 'malformed',
      message: expect.stringContaining('a resumed download did not continue where it stopped'),
    });
    expect(existsSync(partialPathFor(destination()))).toBe(false);
  });
});

describe('pace', () => {
  /** Sends `VIDEO` in `pieces` parts, one every `everyMs`. */
  const paced =
    (pieces: number, everyMs: number): Handler =>
    (_request, response) => {
      response.writeHead(200, { 'content-length': String(VIDEO.length) });
      const size = Math.ceil(VIDEO.length / pieces);
      let sent = 0;
      const timer = setInterval(() => {
        response.write(VIDEO.subarray(sent, sent + size));
        sent += size;
        if (sent >= VIDEO.length) {
          clearInterval(timer);
          response.end();
        }
      }, everyMs);
      response.on('close', () => clearInterval(timer));
    };

  it('lets a steady body run longer than the idle limit and the throughput window', async () => {
    handler = paced(40, 20);
    await downloadToFile(deps(), `${base}/v.mp4`, destination(), {
      idleTimeoutMs: 300,
      minThroughput: { bytes: 500, windowMs: 200 },
    });
    expect((await readFile(destination())).equals(VIDEO)).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('leaves no timer running once a download is over, whichever way it ended', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    await downloadToFile(deps(), `${base}/v.mp4`, destination());
    await settle();
    const after = timers();
    handler = (_request, response) => response.writeHead(404).end();
    for (let round = 0; round < 3; round += 1) {
      await downloadToFile(deps(), `${base}/v.mp4`, path.join(dir, `ok-${round}.mp4`)).catch(() => null);
    }
    handler = (_request, response) => response.writeHead(200).end(VIDEO);
    for (let round = 0; round < 3; round += 1)
      await downloadToFile(deps(), `${base}/v.mp4`, path.join(dir, `${round}.mp4`));
    await settle();
    expect(timers()).toBeLessThanOrEqual(after);
  });

  it('gives up on silence and on a trickle, each said in seconds', async () => {
    handler = (_request, response) => response.writeHead(200, { 'content-length': String(VIDEO.length) }).write('x');
    const silent = await failure(
      downloadToFile(
        deps({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 0 } }),
        `${base}/v.mp4`,
        destination(),
        {
          idleTimeoutMs: 1_000,
        },
      ),
    );
    expect(silent).toMatchObject({ code: 'network', detail: { serverMessage: 'no data for 1 s' } });

    handler = paced(5_000, 50);
    const trickle = await failure(
      downloadToFile(
        deps({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 0 } }),
        `${base}/v.mp4`,
        destination(),
        {
          minThroughput: { bytes: 10_000, windowMs: 1_000 },
        },
      ),
    );
    expect(trickle).toMatchObject({
      code: 'network',
      detail: { serverMessage: expect.stringMatching(/^\d+ bytes in 1 s, too slow to finish$/) },
    });
    expect(existsSync(partialPathFor(destination()))).toBe(true);
  });
});
