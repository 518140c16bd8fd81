import { mkdir, readFile, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadPathFor } from '../../../electron/services/jobs/job-steps';
import { SAMPLE_VIDEO } from '../../support/library-setup';
import { eventually } from '../../support/eventually';
import { setupRunner, type RunnerSetup } from '../../support/runner-setup';
import { asDownloaded } from '../../support/strip-record';

let setup: RunnerSetup;
afterEach(async () => {
  await setup.close();
});

const request = {
  prompt: 'A paper boat drifts down a rainy street',
  model: 'sora-2-preview',
  params: { duration: 8, aspect_ratio: 'landscape' },
};
const portrait = { ...request, params: { duration: 8, aspect_ratio: 'portrait' } };

describe('the generation pipeline', () => {
  it('takes a prompt to a video in the library: one POST, polled to completion, downloaded, filed', async () => {
    // 120 fake seconds (≈1.2 s here): long enough that polls certainly land while the task is processing.
    setup = await setupRunner({ estimatedSeconds: 120 });
    const queued = setup.runner.enqueue(request);
    const job = await setup.runner.settled(queued.id);
    expect(job).toMatchObject({
      phase: 'done',
      error: null,
      billedSeconds: 8,
      taskId: expect.stringMatching(/^task_/),
    });
    expect(setup.fake.count('generate', 'POST')).toBe(1);
    expect(setup.fake.count('task')).toBeGreaterThan(1);
    const library = setup.library.current();
    const item = library.get(job.libraryItemId ?? '');
    expect(item).toMatchObject({ prompt: request.prompt, model: 'sora-2-preview', duration: 8, aspect: 'landscape' });
    expect(library.findByJobId(job.id)?.id).toBe(item.id);
    // The video the server sent (this runner writes no record into it; the pipeline's does).
    expect(
      asDownloaded(await readFile((await library.mediaFile('video', item.id)) ?? '')).equals(
        await readFile(SAMPLE_VIDEO),
      ),
    ).toBe(true);
    const phases = setup.events.filter((event) => event.id === job.id).map((event) => event.phase);
    expect([...new Set(phases)]).toEqual([
      'queued',
      'preparing',
      'submitting',
      'polling',
      'downloading',
      'filing',
      'done',
    ]);
    expect(
      setup.events.some((event) => event.phase === 'polling' && event.progress > 0 && event.etaSeconds !== null),
    ).toBe(true);
  });

  it('prepares, uploads and references an image, and keeps the prepared copy beside the video', async () => {
    setup = await setupRunner();
    const image = path.join(setup.paths.dataDir, 'photo.png');
    await sharp({ create: { width: 900, height: 1600, channels: 3, background: '#2255aa' } })
      .png()
      .toFile(image);
    const job = await setup.runner.settled(
      setup.runner.enqueue({ ...portrait, images: [{ role: 'first', path: image }] }).id,
    );
    expect(job.phase).toBe('done');
    expect(setup.fake.count('upload')).toBe(1);
    const [task] = [...setup.fake.tasks.values()];
    expect(task?.generation.imageUrls).toEqual([expect.stringContaining('/f/image/')]);
    const item = setup.library.current().get(job.libraryItemId ?? '');
    const reference = (await setup.library.current().mediaFile('reference', item.id)) ?? '';
    expect(await sharp(reference).metadata()).toMatchObject({ width: 720, height: 1280 });
    // A second job with the same image reuses the upload.
    await setup.runner.settled(
      setup.runner.enqueue({ ...portrait, images: [{ role: 'first', path: image }], prompt: 'again' }).id,
    );
    expect(setup.fake.count('upload')).toBe(1);
  });

  it('keeps a content-policy refusal as the reason, classified, and counts its billed seconds', async () => {
    setup = await setupRunner();
    setup.fake.failNextTask('Your prompt was flagged by our safety system');
    const job = await setup.runner.settled(setup.runner.enqueue(request).id);
    expect(job).toMatchObject({
      phase: 'failed',
      error: {
        code: 'contentPolicy',
        message: 'APIMart refused this under its content policy: Your prompt was flagged by our safety system',
      },
    });
    expect(setup.runner.usage().today).toMatchObject({ jobs: 1, seconds: 8, cost: null, unpriced: 1 });
  });

  it('records the cost a finished task reports, and the ledger prefers it to the estimate, showing both', async () => {
    setup = await setupRunner({ reportedPricePerSecond: 0.05 }, { pricePerSecond: () => 0.08 });
    const job = await setup.runner.settled(setup.runner.enqueue(request).id);
    expect(job).toMatchObject({ phase: 'done', billedSeconds: 8, pricePerSecond: 0.08, reportedCost: 0.4 });
    expect(setup.runner.usage().today).toMatchObject({ jobs: 1, seconds: 8, cost: 0.4, estimate: 0.64, unpriced: 0 });
    // The sidecar keeps the reported cost beside the request's params.
    const item = setup.library.current().list({}).items[0];
    const video = (await setup.library.current().mediaFile('video', item?.id ?? '')) ?? '';
    const sidecar = JSON.parse(await readFile(video.replace(/\.mp4$/, '.reelbench.json'), 'utf8'));
    expect(sidecar.generation).toMatchObject({ cost: 0.4, params: { duration: 8, aspect_ratio: 'landscape' } });
  });

  it('marks a job expired when its video link is gone', async () => {
    setup = await setupRunner();
    setup.fake.inject('video', { kind: 'status', status: 410 }, 10);
    const job = await setup.runner.settled(setup.runner.enqueue(request).id);
    expect(job).toMatchObject({
      phase: 'expired',
      error: { code: 'expired', message: 'The download link for this video has expired.' },
    });
  });

  it.runIf(process.platform === 'linux')(
    'waits while the disk is full and finishes the download once there is room',
    async () => {
      setup = await setupRunner();
      const queued = setup.runner.enqueue(request);
      const partial = `${downloadPathFor(setup.library.current(), queued.id)}.part`;
      await mkdir(path.dirname(partial), { recursive: true });
      await symlink('/dev/full', partial); // every write to /dev/full fails with ENOSPC
      await eventually(() => setup.runner.get(queued.id).waiting === 'disk', 'the job to wait for disk space');
      expect(setup.runner.get(queued.id)).toMatchObject({
        phase: 'downloading',
        error: { code: 'diskFull', message: 'The disk holding the library is full.' },
      });
      await rm(partial);
      setup.runner.nudge();
      const job = await setup.runner.settled(queued.id);
      expect(job).toMatchObject({ phase: 'done', waiting: null, error: null });
      expect(setup.fake.count('generate', 'POST')).toBe(1);
      expect(
        (await readFile((await setup.library.current().mediaFile('video', job.libraryItemId ?? '')) ?? '')).equals(
          await readFile(SAMPLE_VIDEO),
        ),
      ).toBe(true);
    },
  );

  it('fails a job with a rejected key without billing it', async () => {
    setup = await setupRunner();
    setup.key = 'sk-definitely-not-valid';
    const job = await setup.runner.settled(setup.runner.enqueue(request).id);
    expect(job).toMatchObject({
      phase: 'failed',
      billedSeconds: null,
      error: { code: 'auth', message: 'This key was rejected by APIMart.' },
    });
    expect(setup.fake.tasks.size).toBe(0);
  });

  it('rides out 500s and a 429 storm while polling, slowing every job through one gate', async () => {
    setup = await setupRunner();
    setup.fake.inject('task', { kind: 'status', status: 500 }, 3);
    setup.fake.inject('task', { kind: 'status', status: 429, headers: { 'retry-after': '1' } }, 4);
    const jobs = [setup.runner.enqueue(request), setup.runner.enqueue({ ...request, prompt: 'second' })];
    const done = await Promise.all(jobs.map((job) => setup.runner.settled(job.id)));
    expect(done.map((job) => job.phase)).toEqual(['done', 'done']);
    expect(setup.fake.count('generate', 'POST')).toBe(2);
    expect(setup.events.some((event) => event.waiting === 'rateLimit' || event.waiting === 'network')).toBe(true);
  });

  it('re-sends an ambiguous submit with the same key: the server replays its task, billed once', async () => {
    setup = await setupRunner();
    setup.fake.inject('generate', { kind: 'dropAfterWork' });
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).waiting === 'network', 'the job to wait after the dropped answer');
    setup.runner.nudge();
    const settled = await setup.runner.settled(job.id);
    expect(settled).toMatchObject({ phase: 'done', billedSeconds: 8 });
    expect(setup.fake.count('generate', 'POST')).toBe(2);
    expect(setup.fake.tasks.size).toBe(1); // the server accepted (and billed) it once
    expect(setup.fake.replays()).toBe(1);
    expect(setup.fake.balance()).toBeCloseTo(100 - 8 * 0.01);
  });

  it.each([
    [
      'a 409: the key was used with another request',
      {
        kind: 'status',
        status: 409,
        body: { error: { message: 'Idempotency-Key reused', type: 'idempotency_error' } },
      },
      'HTTP 409',
    ],
    ['an answer without a task id', { kind: 'noTaskId' }, 'without a task id'],
  ] as const)('asks for attention after %s, and does not send it again', async (_name, fault, message) => {
    setup = await setupRunner();
    setup.fake.inject('generate', fault);
    const job = await setup.runner.settled(setup.runner.enqueue(request).id);
    expect(job).toMatchObject({
      phase: 'needsAttention',
      error: { message: expect.stringContaining(message), action: expect.stringContaining('will not send it again') },
    });
    expect(setup.fake.count('generate', 'POST')).toBe(1);
  });

  it('runs at most N jobs at once; the rest wait queued', async () => {
    setup = await setupRunner({}, { concurrency: () => 2 });
    const ids = Array.from(
      { length: 5 },
      (_, index) => setup.runner.enqueue({ ...request, prompt: `job ${index}` }).id,
    );
    let peak = 0;
    const watcher = setInterval(() => {
      peak = Math.max(peak, setup.runner.list().filter((job) => !['queued', 'done'].includes(job.phase)).length);
    }, 2);
    await Promise.all(ids.map((id) => setup.runner.settled(id)));
    clearInterval(watcher);
    expect(peak).toBe(2);
    expect(setup.fake.count('generate', 'POST')).toBe(5);
  });

  it('cancels a queued job, and abandons a submitted one with a warning that it may still be billed', async () => {
    setup = await setupRunner({ estimatedSeconds: 600 }, { concurrency: () => 1 });
    const first = setup.runner.enqueue(request);
    const second = setup.runner.enqueue({ ...request, prompt: 'never sent' });
    await eventually(() => setup.runner.get(first.id).phase === 'polling', 'the first job to be submitted');
    expect(setup.runner.cancel(second.id)).toMatchObject({ phase: 'cancelled', warning: null });
    expect(setup.runner.cancel(first.id)).toMatchObject({
      phase: 'cancelled',
      warning: { key: 'job.warning.abandoned', params: {} },
    });
    expect(setup.fake.count('generate', 'POST')).toBe(1);
    const retried = setup.runner.retry(second.id);
    expect(retried).toMatchObject({ phase: 'queued', request: { prompt: 'never sent' } });
    setup.runner.cancel(retried.id);
  });
});
