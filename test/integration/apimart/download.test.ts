import { existsSync } from 'node:fs';
import { readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { partialPathFor, type DownloadProgress } from '../../../electron/services/apimart/download';
import { createEnvProxyFetch } from '../../../electron/services/apimart/env-proxy-fetch';
import { setupApimart, type ApimartSetup } from '../../support/apimart-setup';
import { mp4Payload } from '../../support/video-payload';

const SAMPLE = path.resolve(import.meta.dirname, '../../fixtures/sample.mp4');
let setup: ApimartSetup;
afterEach(async () => {
  await setup.close();
});

async function completedVideo(): Promise<{ url: string; expiresAt: number | null }> {
  const { taskId } = await setup.client.createVideo({ model: 'sora-2-preview', prompt: 'a paper boat' });
  setup.fake.clock.advance(61_000);
  const task = await setup.client.getTask(taskId);
  if (task.status !== 'completed') throw new Error(`task is ${task.status}`);
  return task.video;
}

// The app downloads through Electron's net.fetch, the CLI through undici with the environment's proxy: both must behave
// the same. Node's own fetch stands in for Electron's here (both are WHATWG fetches).
describe.each([
  { sourceName: "Node's fetch", fetch: undefined },
  { sourceName: "the CLI's fetch", fetch: createEnvProxyFetch({}) },
])('download through $sourceName', ({ fetch }) => {
  it('checks every redirect hop itself: follows one to the video, refuses one to a LAN host or to an HTML page', async () => {
    setup = await setupApimart({}, fetch ? { fetch } : {});
    const video = await completedVideo();
    const hops: Server = createServer((request, response) => {
      const to = (location: string) => response.writeHead(302, { location }).end();
      if (request.url === '/to-video') to(video.url);
      else if (request.url === '/to-lan') to('http://10.255.255.1/clip.mp4');
      else if (request.url === '/to-page') to('/page');
      else response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in</body></html>');
    });
    await new Promise<void>((resolve) => hops.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(hops.address() as AddressInfo).port}`;
    try {
      const followed = path.join(setup.dir, 'followed.mp4');
      await expect(setup.client.download(`${base}/to-video`, followed)).resolves.toMatchObject({ path: followed });
      const lan = path.join(setup.dir, 'lan.mp4');
      await expect(setup.client.download(`${base}/to-lan`, lan)).rejects.toMatchObject({
        code: 'malformed',
        message: expect.stringContaining('not https'),
      });
      const page = path.join(setup.dir, 'page.mp4');
      await expect(setup.client.download(`${base}/to-page`, page)).rejects.toMatchObject({
        code: 'malformed',
        message: expect.stringContaining('not a video'),
      });
      // Nothing filed, nothing left behind.
      expect((await readdir(setup.dir)).sort()).toEqual(['followed.mp4']);
    } finally {
      await new Promise((resolve) => hops.close(resolve));
    }
  });

  it('streams the whole video to the destination, reporting progress up to the total', async () => {
    setup = await setupApimart({}, fetch ? { fetch } : {});
    const video = await completedVideo();
    const destination = path.join(setup.dir, 'fox.mp4');
    const progress: DownloadProgress[] = [];
    const result = await setup.client.download(video.url, destination, {
      onProgress: (update) => progress.push(update),
      expiresAt: video.expiresAt,
    });
    const expected = await readFile(SAMPLE);
    expect(result).toEqual({ path: destination, bytes: expected.length });
    expect((await readFile(destination)).equals(expected)).toBe(true);
    expect(progress.at(-1)).toEqual({ receivedBytes: expected.length, totalBytes: expected.length });
    const received = progress.map((update) => update.receivedBytes);
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(await readdir(setup.dir)).toEqual(['fox.mp4']);
  });

  it('writes a large video byte for byte across many batches and background flushes, resuming a drop', async () => {
    const payload = mp4Payload(40 * 1024 * 1024 + 4321); // more than one background flush, and an odd tail
    setup = await setupApimart({ videoPayload: payload }, fetch ? { fetch } : {});
    const video = await completedVideo();
    setup.fake.inject('video', { kind: 'dropMidBody', afterBytes: 33 * 1024 * 1024 + 17 });
    const destination = path.join(setup.dir, 'large.mp4');
    const result = await setup.client.download(video.url, destination);
    expect(result.bytes).toBe(payload.length);
    expect((await readFile(destination)).equals(payload)).toBe(true);
    const ranges = setup.fake.requests
      .filter((entry) => entry.route === 'video')
      .map((entry) => entry.headers['range']);
    expect(ranges).toHaveLength(2);
    expect(ranges[0]).toBeUndefined();
    // Resumed from what reached the disk: up to the cut (what the connection still held when it broke is gone with
    // it), and far past the start.
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(String(ranges[1]))?.[1]);
    expect(resumedAt).toBeGreaterThan(16 * 1024 * 1024);
    expect(resumedAt).toBeLessThanOrEqual(33 * 1024 * 1024 + 17);
  });

  it('keeps going when a resumed range comes back shorter than the file, and files only the whole video', async () => {
    const payload = mp4Payload(1024 * 1024);
    setup = await setupApimart({ videoPayload: payload }, fetch ? { fetch } : {});
    const video = await completedVideo();
    setup.fake.inject('video', { kind: 'dropMidBody', afterBytes: 100_000 });
    setup.fake.inject('video', { kind: 'rangeCap', maxBytes: 300_000 }, 2);
    const destination = path.join(setup.dir, 'capped.mp4');
    await setup.client.download(video.url, destination);
    expect((await readFile(destination)).equals(payload)).toBe(true);
    const ranges = setup.fake.requests
      .filter((entry) => entry.route === 'video')
      .map((entry) => entry.headers['range']);
    expect(ranges).toEqual([undefined, 'bytes=100000-', 'bytes=400000-', 'bytes=700000-']);
  });

  it('resumes with an HTTP Range request after the connection drops mid-body', async () => {
    setup = await setupApimart({}, fetch ? { fetch } : {});
    const video = await completedVideo();
    setup.fake.inject('video', { kind: 'dropMidBody', afterBytes: 10_000 });
    const destination = path.join(setup.dir, 'resumed.mp4');
    await setup.client.download(video.url, destination);
    expect((await readFile(destination)).equals(await readFile(SAMPLE))).toBe(true);
    const videoRequests = setup.fake.requests.filter((entry) => entry.route === 'video');
    expect(videoRequests.map((entry) => entry.headers['range'])).toEqual([undefined, 'bytes=10000-']);
  });

  it('never leaves a torn file at the destination when every attempt breaks off', async () => {
    setup = await setupApimart({}, fetch ? { fetch } : {});
    const video = await completedVideo();
    setup.fake.inject('video', { kind: 'dropMidBody', afterBytes: 4_000 }, 10);
    const destination = path.join(setup.dir, 'torn.mp4');
    await expect(setup.client.download(video.url, destination)).rejects.toMatchObject({ code: 'network' });
    expect(existsSync(destination)).toBe(false);
    // The partial file stays, beside it, for the next attempt to resume.
    const partial = await stat(partialPathFor(destination));
    expect(partial.size).toBeGreaterThan(0);
    expect(partial.size).toBeLessThan((await readFile(SAMPLE)).length);
    await setup.client.download(video.url, destination);
    expect((await readFile(destination)).equals(await readFile(SAMPLE))).toBe(true);
    expect(existsSync(partialPathFor(destination))).toBe(false);
  });

  it('gives up on a connection that stops sending and resumes where it stalled', async () => {
    setup = await setupApimart({}, fetch ? { fetch } : {});
    const video = await completedVideo();
    setup.fake.inject('video', { kind: 'stallMidBody', afterBytes: 12_000 });
    const destination = path.join(setup.dir, 'stalled.mp4');
    await setup.client.download(video.url, destination, { idleTimeoutMs: 300 });
    expect((await readFile(destination)).equals(await readFile(SAMPLE))).toBe(true);
    const videoRequests = setup.fake.requests.filter((entry) => entry.route === 'video');
    expect(videoRequests.map((entry) => entry.headers['range'])).toEqual([undefined, 'bytes=12000-']);
  });

  it('reports a connection that keeps stalling as no data, with the partial file kept', async () => {
    setup = await setupApimart({}, fetch ? { fetch } : {});
    const video = await completedVideo();
    setup.fake.inject('video', { kind: 'stallMidBody', afterBytes: 5_000 }, 10);
    const destination = path.join(setup.dir, 'stalling.mp4');
    await expect(setup.client.download(video.url, destination, { idleTimeoutMs: 200 })).rejects.toMatchObject({
      code: 'network',
      detail: expect.objectContaining({ serverMessage: expect.stringContaining('no data for') }),
    });
    expect(existsSync(destination)).toBe(false);
    const partial = (await stat(partialPathFor(destination))).size;
    expect(partial % 5_000).toBe(0); // every attempt resumed where the last one stalled
    expect(partial).toBeGreaterThan(0);
  });

  it.runIf(process.platform === 'linux')(
    'says the disk is full, not that the network failed, when the file cannot grow',
    async () => {
      setup = await setupApimart({}, fetch ? { fetch } : {});
      const video = await completedVideo();
      const destination = path.join(setup.dir, 'full.mp4');
      await symlink('/dev/full', partialPathFor(destination)); // every write to /dev/full fails with ENOSPC
      await expect(setup.client.download(video.url, destination)).rejects.toMatchObject({
        code: 'diskFull',
        message: 'The disk holding the library is full.',
      });
      expect(setup.fake.count('video')).toBe(1); // not retried: waiting for space is the job's business
      expect(existsSync(destination)).toBe(false);
    },
  );

  it('follows a redirect from the video link to where the file is served', async () => {
    setup = await setupApimart({}, fetch ? { fetch } : {});
    const video = await completedVideo();
    setup.fake.inject('video', { kind: 'redirect' });
    const destination = path.join(setup.dir, 'redirected.mp4');
    await setup.client.download(video.url, destination);
    expect((await readFile(destination)).equals(await readFile(SAMPLE))).toBe(true);
    expect(setup.fake.count('video')).toBe(2);
  });

  it('starts over when a leftover partial file does not match the resource', async () => {
    setup = await setupApimart({}, fetch ? { fetch } : {});
    const video = await completedVideo();
    const destination = path.join(setup.dir, 'stale.mp4');
    await writeFile(partialPathFor(destination), Buffer.alloc(10 * 1024 * 1024, 7)); // bigger than the video
    await setup.client.download(video.url, destination);
    expect((await readFile(destination)).equals(await readFile(SAMPLE))).toBe(true);
  });

  it('maps a link past expires_at to expired without asking the server', async () => {
    setup = await setupApimart({}, fetch ? { fetch } : {});
    const video = await completedVideo();
    setup.fake.clock.advance(25 * 3600 * 1000);
    const destination = path.join(setup.dir, 'late.mp4');
    await expect(setup.client.download(video.url, destination, { expiresAt: video.expiresAt })).rejects.toMatchObject({
      code: 'expired',
      message: 'The download link for this video has expired.',
    });
    expect(setup.fake.count('video')).toBe(0);
    expect(await readdir(setup.dir)).toEqual([]);
  });

  it('maps a 403 from the video host to expired, without retrying', async () => {
    setup = await setupApimart({}, fetch ? { fetch } : {});
    const video = await completedVideo();
    setup.fake.clock.advance(25 * 3600 * 1000);
    await expect(setup.client.download(video.url, path.join(setup.dir, 'gone.mp4'))).rejects.toMatchObject({
      code: 'expired',
    });
    expect(setup.fake.count('video')).toBe(1);
  });

  it('retries a 5xx from the video host', async () => {
    setup = await setupApimart({}, fetch ? { fetch } : {});
    const video = await completedVideo();
    setup.fake.inject('video', { kind: 'status', status: 500 }, 2);
    await setup.client.download(video.url, path.join(setup.dir, 'after-500.mp4'));
    expect(setup.fake.count('video')).toBe(3);
  });

  it('refuses a non-https link from anywhere but this machine', async () => {
    setup = await setupApimart({}, fetch ? { fetch } : {});
    await expect(
      setup.client.download('http://cdn.example.com/video.mp4', path.join(setup.dir, 'x.mp4')),
    ).rejects.toMatchObject({ code: 'malformed' });
    await expect(setup.client.download('file:///etc/passwd', path.join(setup.dir, 'y.mp4'))).rejects.toMatchObject({
      code: 'malformed',
    });
  });

  it('stops when cancelled and keeps what it had for a later resume', async () => {
    setup = await setupApimart({}, fetch ? { fetch } : {});
    const video = await completedVideo();
    setup.fake.inject('video', { kind: 'hang' });
    const controller = new AbortController();
    const destination = path.join(setup.dir, 'cancelled.mp4');
    const pending = setup.client.download(video.url, destination, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(existsSync(destination)).toBe(false);
  });
});
