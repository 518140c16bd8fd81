import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openUploadCache, type UploadCache } from '../../../electron/services/images/upload-cache';
import type { Logger } from '../../../electron/services/logging/logger';
import { eventually } from '../../support/eventually';
import { setupRunner, type RunnerSetup } from '../../support/runner-setup';
import { jobLeftWithCancelAsked } from '../../support/left-jobs';

let setup: RunnerSetup;
afterEach(async () => {
  await setup.close();
});

const request = { prompt: 'a lighthouse keeper at dusk', model: 'sora-2-preview', params: { duration: 4 } };

interface LoggedLine {
  readonly level: keyof Logger;
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>> | undefined;
}

function recordingLogger(lines: LoggedLine[]): Logger {
  const line = (level: keyof Logger) => (message: string, fields?: Readonly<Record<string, unknown>>) =>
    void lines.push({ level, message, fields });
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

describe('the runner when a step fails for a reason of its own', () => {
  it('logs it, lets the job wait and try again, and opens the upload cache again rather than keep it failed', async () => {
    const lines: LoggedLine[] = [];
    let opens = 0;
    setup = await setupRunner(
      {},
      {
        logger: recordingLogger(lines),
        uploadCache: () => {
          opens += 1;
          if (opens === 1) return Promise.reject(new Error('EIO: the upload cache could not be read'));
          return openUploadCache(setup.paths.uploadCacheFile);
        },
      },
    );
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).waiting === 'network', 'the job to wait');
    expect(setup.runner.get(job.id).error?.message).toMatch(/upload cache could not be read/);
    expect(setup.store.get(job.id)?.job.waiting).toBe('network');
    expect(lines).toContainEqual({
      level: 'error',
      message: 'jobs: a step failed unexpectedly',
      fields: expect.objectContaining({ job: job.id, phase: 'preparing' }),
    });
    setup.runner.nudge();
    expect((await setup.runner.settled(job.id)).phase).toBe('done');
    expect(opens).toBe(2);
  });

  it('leaves the job at its last durable phase when the step fails while the runner stops', async () => {
    let fail: (error: Error) => void = () => undefined;
    setup = await setupRunner(
      {},
      { uploadCache: () => new Promise<UploadCache>((_resolve, reject) => (fail = reject)) },
    );
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).phase === 'preparing', 'the job to be taken up');
    let stoppedYet = false;
    const stopped = setup.runner.stop().then(() => (stoppedYet = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A stop waits for the step under way to end.
    expect(stoppedYet).toBe(false);
    fail(new Error('the disk went away'));
    await stopped;
    expect(setup.store.get(job.id)?.job).toMatchObject({ phase: 'preparing', waiting: null, error: null });
  });
});

describe('jobs another process changed before this one came to run them', () => {
  it('sees a job the other process cancelled when it comes to run it, without waiting for its store watcher', async () => {
    setup = await setupRunner({ balance: 0 }, { pricePerSecond: () => 0.1, watchMs: 600_000 });
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).waiting === 'balance', 'the job to wait for money');
    const other = setup.beside({ adopt: false });
    expect(other.cancel(job.id).phase).toBe('cancelled');
    const settled = setup.runner.settled(job.id);
    setup.runner.nudge();
    expect((await settled).phase).toBe('cancelled');
    expect(setup.fake.count('generate', 'POST')).toBe(0);
  });

  it('cancels a job whose cancel was asked for and whose request is known unsent, before anything runs', async () => {
    setup = await setupRunner({ balance: 0 }, { pricePerSecond: () => 0.1 });
    const id = await jobLeftWithCancelAsked(setup, request);
    const restarted = await setup.restart();
    expect((await restarted.settled(id)).phase).toBe('cancelled');
    expect(setup.fake.count('generate', 'POST')).toBe(0);
    expect(setup.fake.count('balance', 'GET')).toBe(1);
  });
});

describe('slots after a restart', () => {
  it('counts the jobs it takes up again as in flight: a queued job waits for a free slot', async () => {
    setup = await setupRunner({ estimatedSeconds: 3_000 }, { concurrency: () => 2 });
    const sent = [setup.runner.enqueue(request), setup.runner.enqueue({ ...request, prompt: 'second' })];
    await eventually(() => sent.every((job) => setup.runner.get(job.id).phase === 'polling'), 'both slots to be taken');
    const queued = setup.runner.enqueue({ ...request, prompt: 'waits for a slot' });
    const restarted = await setup.restart();
    await eventually(
      () => sent.every((job) => restarted.runBy(job.id) === 'here'),
      'the sent jobs to be taken up again',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(restarted.get(queued.id).phase).toBe('queued');
    expect(setup.fake.count('generate', 'POST')).toBe(2);
    restarted.cancel(sent[0]?.id ?? '');
    await eventually(() => restarted.get(queued.id).phase === 'polling', 'the queued job to take the freed slot');
  });
});

describe('cancelling a job that is not running', () => {
  it('removes its partial download at once', async () => {
    setup = await setupRunner({ videoPayload: Buffer.alloc(400_000, 3) });
    setup.fake.inject('video', { kind: 'dropMidBody', afterBytes: 100_000 }, 50);
    const job = setup.runner.enqueue(request);
    await eventually(
      () => setup.runner.get(job.id).phase === 'downloading' && setup.runner.get(job.id).waiting === 'network',
      'the download to wait for the network',
    );
    const folder = path.join(setup.library.current().root, '.reelbench-downloads');
    const leftOf = async () => (await readdir(folder).catch(() => [])).filter((name) => name.startsWith(job.id));
    expect(await leftOf()).not.toEqual([]);
    expect(setup.runner.cancel(job.id).phase).toBe('cancelled');
    await eventually(async () => (await leftOf()).length === 0, 'the partial download removed');
  });
});

describe('starting and stopping', () => {
  it('starts once however often asked: after a stop nothing more is watched', async () => {
    setup = await setupRunner({}, { watchMs: 20 });
    setup.runner.start();
    await setup.runner.stop();
    const other = setup.beside({ adopt: false, onChange: () => undefined });
    const job = other.enqueue(request);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(setup.events.some((event) => event.id === job.id)).toBe(false);
    other.cancel(job.id);
  });

  it('runs again when started again after a stop, a job waiting before it due at once', async () => {
    setup = await setupRunner();
    setup.fake.inject('generate', { kind: 'status', status: 503, body: { error: { message: 'busy' } } }, 1);
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).waiting !== null, 'the job to wait');
    await setup.runner.stop();
    setup.runner.start();
    await eventually(() => setup.runner.get(job.id).phase !== 'submitting', 'the job to go on at once', 3_000);
    expect((await setup.runner.settled(job.id)).phase).toBe('done');
  });

  it('runs the jobs it made itself when it does not adopt others, and leaves the others alone', async () => {
    setup = await setupRunner();
    const own = setup.beside({ adopt: false });
    own.start();
    await setup.runner.stop();
    const job = own.enqueue(request);
    expect((await own.settled(job.id)).phase).toBe('done');
    // A job another process queued and left (its lease soon over) is not this runner's to run.
    const left = setup.beside({ adopt: false, leaseMs: 200 }).enqueue({ ...request, prompt: 'left behind' });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(setup.store.get(left.id)?.job.phase).toBe('queued');
    expect(setup.fake.count('generate', 'POST')).toBe(1);
  });

  it('takes up a job another process queued and left, as soon as its watcher sees it and the lease is over', async () => {
    setup = await setupRunner();
    await setup.runner.stop();
    const adopter = setup.beside({ watchMs: 30, leaseMs: 300 });
    adopter.start();
    await adopter.idle();
    const left = setup.beside({ adopt: false, leaseMs: 200 }).enqueue({ ...request, prompt: 'left behind' });
    await eventually(() => adopter.get(left.id).phase === 'done', 'the adopting runner to finish it', 5_000);
  });

  it('needs none of its listeners: no change, model-gone or log listener given', async () => {
    setup = await setupRunner(
      { retired: ['sora-2-preview'] },
      { onChange: undefined, onModelGone: undefined, logger: undefined },
    );
    const retired = await setup.runner.settled(setup.runner.enqueue(request).id);
    expect(retired).toMatchObject({ phase: 'failed', error: { code: 'unknownModel' } });
    const done = await setup.runner.settled(setup.runner.enqueue({ ...request, model: 'sora-2-pro-preview' }).id);
    expect(done).toMatchObject({ phase: 'done', error: null });
    expect(setup.events).toEqual([]);
  });

  it('reads the balance once a minute, not once a job', async () => {
    setup = await setupRunner({}, { pricePerSecond: () => 0.1 });
    const first = setup.runner.enqueue(request);
    await setup.runner.settled(first.id);
    await setup.runner.settled(setup.runner.enqueue({ ...request, prompt: 'second' }).id);
    expect(setup.fake.count('balance', 'GET')).toBe(1);
  });
});

describe('a cancel asked for by another process while the billed request is out', () => {
  it('is seen by this process at once, and ends the job when the answer proves nothing was taken', async () => {
    setup = await setupRunner({}, { watchMs: 30 });
    // The POST is refused as rate limited after a while: proof that APIMart accepted nothing.
    setup.fake.inject('generate', { kind: 'status', status: 429, afterMs: 1_000, headers: { 'Retry-After': '1' } }, 1);
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.fake.count('generate', 'POST') === 1, 'the billed request to be out');
    const other = setup.beside({ adopt: false, onChange: () => undefined });
    // Its answer is still unknown: the other process can only ask.
    expect(other.cancel(job.id).cancelRequestedAt).not.toBeNull();
    await eventually(() => setup.runner.get(job.id).cancelRequestedAt !== null, 'this process to see the request');
    expect((await setup.runner.settled(job.id)).phase).toBe('cancelled');
    // Cancelled on the answer itself: the job never waited out the rate limit to be asked again.
    expect(setup.events.some((event) => event.id === job.id && event.waiting === 'rateLimit')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(setup.fake.count('generate', 'POST')).toBe(1);
  });

  it('shows the request on a job waiting after an unanswered POST, which keeps waiting for the answer', async () => {
    setup = await setupRunner({}, { watchMs: 30 });
    setup.fake.inject('generate', { kind: 'drop' }, 1);
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).waiting === 'network', 'the job to wait for the network');
    const other = setup.beside({ adopt: false, onChange: () => undefined });
    expect(other.cancel(job.id).phase).not.toBe('cancelled');
    // Seen by the store watcher, well before the job's own wait (five seconds) would run it again.
    await eventually(
      () => setup.runner.get(job.id).cancelRequestedAt !== null,
      'this process to see the request',
      1_500,
    );
    // Re-sent with its key, the request is answered, and only then does the job stop: its charge is known.
    setup.runner.nudge();
    const settled = await setup.runner.settled(job.id);
    expect(settled.phase).toBe('cancelled');
    expect(settled.taskId).not.toBeNull();
  });
});

describe('cancelling a job whose billed request went unanswered', () => {
  it('asks again at once with the same key, so the charge is known and the job stops without waiting out its pause', async () => {
    setup = await setupRunner();
    setup.fake.inject('generate', { kind: 'drop' }, 1);
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).waiting === 'network', 'the job to wait for the network');
    const asked = Date.now();
    expect(setup.runner.cancel(job.id)).toMatchObject({ phase: 'submitting' });
    const settled = await setup.runner.settled(job.id);
    expect(settled).toMatchObject({ phase: 'cancelled', taskId: expect.any(String) });
    // Its pause after the lost answer was five seconds.
    expect(Date.now() - asked).toBeLessThan(3_000);
    expect(setup.fake.count('generate', 'POST')).toBe(2);
  });
});

describe('jobs waiting different lengths of time', () => {
  it('tries a job again when its own short wait ends, not when a longer one beside it does', async () => {
    setup = await setupRunner(
      { balance: 100 },
      // Sora 2 Pro is priced past the balance (its job waits a minute for money); Sora 2 has no price (no check).
      { pricePerSecond: (model) => (model === 'sora-2-pro-preview' ? 100 : null) },
    );
    const broke = setup.runner.enqueue({ ...request, model: 'sora-2-pro-preview' });
    await eventually(() => setup.runner.get(broke.id).waiting === 'balance', 'the expensive job to wait for money');
    setup.fake.inject('generate', { kind: 'status', status: 429, headers: { 'Retry-After': '1' } }, 1);
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).waiting === 'rateLimit', 'the job to be told to wait a second');
    const waited = Date.now();
    expect((await setup.runner.settled(job.id)).phase).toBe('done');
    expect(Date.now() - waited).toBeLessThan(10_000);
    setup.runner.cancel(broke.id);
  });
});

describe('nudging the queue', () => {
  it('brings forward only jobs that wait for something, never a job between its polls', async () => {
    setup = await setupRunner({ estimatedSeconds: 3_000 }, { pollFloorMs: 5_000, pollCeilingMs: 5_000 });
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).phase === 'polling', 'the job to be sent');
    await eventually(() => setup.fake.count('task', 'GET') >= 1, 'the first poll');
    const polls = setup.fake.count('task', 'GET');
    setup.runner.nudge();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(setup.fake.count('task', 'GET')).toBe(polls);
    setup.runner.cancel(job.id);
  });
});

describe('a download this process began', () => {
  it('is resumed where it stopped when its job runs again, and the video is filed under the title asked for', async () => {
    // The sample take (23,640 bytes), cut three times a quarter in: more than the client's own retries, so the job
    // waits and its download step runs again.
    setup = await setupRunner();
    setup.fake.inject('video', { kind: 'dropMidBody', afterBytes: 6_000 }, 3);
    const job = setup.runner.enqueue({ ...request, title: 'Harbour at dawn' });
    await eventually(
      () => setup.runner.get(job.id).phase === 'downloading' && setup.runner.get(job.id).waiting === 'network',
      'the download to wait for the network',
    );
    setup.runner.nudge();
    const done = await setup.runner.settled(job.id);
    // Not begun again from its first byte: what was downloaded before the pause is kept.
    expect(setup.fake.videoBytesSent()).toBeLessThan(23_640 + 12_000);
    expect(done.libraryItemId).not.toBeNull();
    expect(setup.library.current().get(done.libraryItemId ?? '').title).toBe('Harbour at dawn');
  });
});
