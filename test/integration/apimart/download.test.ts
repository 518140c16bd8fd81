import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { partialPathFor, type DownloadProgress } from '../../../electron/services/apimart/download';
import { setupApimart, type ApimartSetup } from '../../support/apimart-setup';

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

describe('download', () => {
  it('streams the whole video to the destination, reporting progress up to the total', async () => {
    setup = await setupApimart();
    const video = await completedVideo();
    const destination = path.join(setup.dir, 'fox.mp4');
    const progress: DownloadProgress[] = [];
    const result = await setup.client.download(video.url, destination, { onProgress: (update) => progress.push(update), expiresAt: video.expiresAt });
    const expected = await readFile(SAMPLE);
    expect(result).toEqual({ path: destination, bytes: expected.length });
    expect((await readFile(destination)).equals(expected)).toBe(true);
    expect(progress.at(-1)).toEqual({ receivedBytes: expected.length, totalBytes: expected.length });
    const received = progress.map((update) => update.receivedBytes);
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(await readdir(setup.dir)).toEqual(['fox.mp4']);
  });

  it('resumes with an HTTP Range request after the connection drops mid-body', async () => {
    setup = await setupApimart();
    const video = await completedVideo();
    setup.fake.inject('video', { kind: 'dropMidBody', afterBytes: 10_000 });
    const destination = path.join(setup.dir, 'resumed.mp4');
    await setup.client.download(video.url, destination);
    expect((await readFile(destination)).equals(await readFile(SAMPLE))).toBe(true);
    const videoRequests = setup.fake.requests.filter((entry) => entry.route === 'video');
    expect(videoRequests.map((entry) => entry.headers['range'])).toEqual([undefined, 'bytes=10000-']);
  });

  it('never leaves a torn file at the destination when every attempt breaks off', async () => {
    setup = await setupApimart();
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

  it('starts over when a leftover partial file does not match the resource', async () => {
    setup = await setupApimart();
    const video = await completedVideo();
    const destination = path.join(setup.dir, 'stale.mp4');
    await writeFile(partialPathFor(destination), Buffer.alloc(10 * 1024 * 1024, 7)); // bigger than the video
    await setup.client.download(video.url, destination);
    expect((await readFile(destination)).equals(await readFile(SAMPLE))).toBe(true);
  });

  it('maps a link past expires_at to expired without asking the server', async () => {
    setup = await setupApimart();
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
    setup = await setupApimart();
    const video = await completedVideo();
    setup.fake.clock.advance(25 * 3600 * 1000);
    await expect(setup.client.download(video.url, path.join(setup.dir, 'gone.mp4'))).rejects.toMatchObject({ code: 'expired' });
    expect(setup.fake.count('video')).toBe(1);
  });

  it('retries a 5xx from the video host', async () => {
    setup = await setupApimart();
    const video = await completedVideo();
    setup.fake.inject('video', { kind: 'status', status: 500 }, 2);
    await setup.client.download(video.url, path.join(setup.dir, 'after-500.mp4'));
    expect(setup.fake.count('video')).toBe(3);
  });

  it('refuses a non-https link from anywhere but this machine', async () => {
    setup = await setupApimart();
    await expect(setup.client.download('http://cdn.example.com/video.mp4', path.join(setup.dir, 'x.mp4'))).rejects.toMatchObject({ code: 'malformed' });
    await expect(setup.client.download('file:///etc/passwd', path.join(setup.dir, 'y.mp4'))).rejects.toMatchObject({ code: 'malformed' });
  });

  it('stops when cancelled and keeps what it had for a later resume', async () => {
    setup = await setupApimart();
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
