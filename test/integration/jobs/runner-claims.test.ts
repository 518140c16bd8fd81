import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadPathFor } from '../../../electron/services/jobs/job-steps';
import { partialPathFor } from '../../../electron/services/apimart/download';
import type { JobStore } from '../../../electron/services/storage/job-store';
import { eventually } from '../../support/eventually';
import { setupRunner, type RunnerSetup } from '../../support/runner-setup';

let setup: RunnerSetup;
afterEach(async () => {
  await setup.close();
});

const request = { prompt: 'a lantern on a jetty', model: 'sora-2-preview', params: { duration: 4 } };

/** The real store, whose lease claims fail `times` times with `error` (another process mid-write, or worse). */
function storeFailingClaims(
  real: JobStore,
  error: () => Error,
  times: number,
): { store: JobStore; failed: () => number } {
  let failed = 0;
  const store = new Proxy(real, {
    get(target, key) {
      if (key === 'claim')
        return (...args: Parameters<JobStore['claim']>) => {
          if (failed < times) {
            failed += 1;
            throw error();
          }
          return target.claim(...args);
        };
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store, failed: () => failed };
}

const busy = () => Object.assign(new Error('database is locked'), { errcode: 5 });

describe('claiming a job while the database is contended', () => {
  it('treats a busy database as a job run elsewhere: it looks again later and sends it once', async () => {
    setup = await setupRunner({}, { leaseMs: 200 });
    await setup.runner.stop();
    const failing = storeFailingClaims(setup.store, busy, 2);
    const runner = setup.beside({ store: failing.store, leaseMs: 200 });
    runner.start();
    const job = runner.enqueue(request);
    expect(failing.failed()).toBeGreaterThan(0);
    expect(runner.get(job.id).phase).toBe('queued');
    expect((await runner.settled(job.id)).phase).toBe('done');
    expect(setup.fake.count('generate', 'POST')).toBe(1);
  });

  it('does not hide any other failure to claim: it reaches the caller', async () => {
    setup = await setupRunner();
    await setup.runner.stop();
    const failing = storeFailingClaims(setup.store, () => new Error('disk I/O error'), 1);
    const runner = setup.beside({ store: failing.store });
    runner.start();
    expect(() => runner.enqueue(request)).toThrow('disk I/O error');
    expect(setup.fake.count('generate', 'POST')).toBe(0);
  });
});

describe('a job that ends while nothing runs it', () => {
  it('cancelled while it waits to resume its download, leaves no partial file behind', async () => {
    setup = await setupRunner();
    // The video's connection drops every time: the job waits in its download for the network.
    setup.fake.inject('video', { kind: 'dropMidBody', afterBytes: 1_000 }, 1_000);
    const job = setup.runner.enqueue(request);
    await eventually(
      () => setup.runner.get(job.id).phase === 'downloading' && setup.runner.get(job.id).waiting === 'network',
      'the download to wait for the network',
    );
    const target = downloadPathFor(setup.library.current(), job.id);
    const partial = partialPathFor(target);
    // What the dropped download kept (written again here, in case the runner is between attempts).
    await writeFile(partial, 'partial bytes');
    setup.runner.cancel(job.id);
    expect(setup.runner.get(job.id).phase).toBe('cancelled');
    await eventually(async () => {
      try {
        await readFile(partial);
        return false;
      } catch {
        return true;
      }
    }, 'the partial download to be removed');
  });
});

describe('a download resumed by the process that began it', () => {
  it('asks for the rest of the video in its next step, not the whole of it again', async () => {
    setup = await setupRunner();
    // Every attempt of the first step drops a few kilobytes in: the job waits for the network with a partial file,
    // and its next step (in this same process) goes on from there.
    setup.fake.inject('video', { kind: 'dropMidBody', afterBytes: 3_000 }, 4);
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).waiting === 'network', 'the download to wait for the network');
    setup.runner.nudge();
    expect((await setup.runner.settled(job.id)).phase).toBe('done');
    const ranges = setup.fake.requests
      .filter((entry) => entry.route === 'video')
      .map((entry) => Number(/^bytes=(\d+)-$/.exec(String(entry.headers['range'] ?? ''))?.[1] ?? 0));
    expect(ranges.length).toBe(5);
    expect(ranges.slice(1).every((start) => start > 0)).toBe(true);
    expect(ranges[4]).toBeGreaterThanOrEqual(12_000);
  });
});

describe('which queued job starts first', () => {
  it('the one made first, even when another process made it and this one learned of it after its own', async () => {
    setup = await setupRunner({ estimatedSeconds: 40 }, { concurrency: () => 1, watchMs: 150 });
    const holding = setup.runner.enqueue({ ...request, prompt: 'one holding the only slot' });
    await eventually(() => setup.runner.get(holding.id).phase === 'polling', 'the first job to hold the slot');
    // Another process (not running its queue) makes a job and leaves it; this one makes its own a moment later,
    // before its watcher has seen the other's.
    const other = setup.beside({ leaseMs: 50 });
    const older = other.enqueue({ ...request, prompt: 'older, from another process' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = setup.runner.enqueue({ ...request, prompt: 'newer, from this process' });
    for (const job of [holding, older, newer])
      await eventually(
        () => setup.runner.list().find((seen) => seen.id === job.id)?.phase === 'done',
        'every job done',
        30_000,
      );
    expect(setup.fake.ledger().tasks.map((task) => task.prompt)).toEqual([
      'one holding the only slot',
      'older, from another process',
      'newer, from this process',
    ]);
  }, 60_000);
});

describe('a job left running by another process', () => {
  it('takes the only slot before an older queued job: paid work is finished before new work starts', async () => {
    setup = await setupRunner({ estimatedSeconds: 60 }, { concurrency: () => 1 });
    await setup.runner.stop();
    // A job queued first (by a process that never ran its queue and whose lease soon runs out).
    const waiting = setup.beside({ leaseMs: 50 }).enqueue({ ...request, prompt: 'queued first' });
    // Another process sends its job, then stops while APIMart is still making it.
    const other = setup.beside({ concurrency: () => 1 });
    other.start();
    const sent = other.enqueue({ ...request, prompt: 'sent by another process' });
    await eventually(() => other.get(sent.id).phase === 'polling', 'the other process to send its job');
    await other.stop();
    expect(setup.fake.count('generate', 'POST')).toBe(1);

    // This process finds both: the sent job holds the only slot, and the queued one is not sent while it is made.
    const here = setup.beside({ concurrency: () => 1 });
    here.start();
    let sentWhileMaking = 0;
    await eventually(() => {
      const done = here.get(sent.id).phase === 'done';
      if (!done) sentWhileMaking = Math.max(sentWhileMaking, setup.fake.count('generate', 'POST'));
      return done;
    }, 'the sent job to be finished here');
    expect(sentWhileMaking).toBe(1);
    expect((await here.settled(waiting.id)).phase).toBe('done');
    expect(setup.fake.count('generate', 'POST')).toBe(2);
  }, 60_000);
});

describe('the balance before each billed request', () => {
  it('is asked once a minute at most: a second job sent soon after uses what the first learned', async () => {
    setup = await setupRunner({ estimatedSeconds: 2 }, { pricePerSecond: () => 0.01 });
    const first = setup.runner.enqueue(request);
    expect((await setup.runner.settled(first.id)).phase).toBe('done');
    const second = setup.runner.enqueue({ ...request, prompt: 'a second lantern' });
    expect((await setup.runner.settled(second.id)).phase).toBe('done');
    expect(setup.fake.count('generate', 'POST')).toBe(2);
    expect(setup.fake.count('balance', 'GET')).toBe(1);
  });
});

describe('slots and cancels while a step runs', () => {
  it('a job another process is making does not take this process’s only slot', async () => {
    setup = await setupRunner({ estimatedSeconds: 120 }, { concurrency: () => 1, watchMs: 30 });
    const other = setup.beside({ concurrency: () => 1 });
    other.start();
    const elsewhere = other.enqueue({ ...request, prompt: 'made by the other process' });
    await eventually(() => other.get(elsewhere.id).phase === 'polling', 'the other process to send its job');
    await eventually(() => setup.runner.list().some((job) => job.id === elsewhere.id), 'this process to see it');
    const mine = setup.runner.enqueue({ ...request, prompt: 'made here' });
    // Sent while the other process's job is still being made.
    await eventually(() => setup.fake.count('generate', 'POST') === 2, 'this process to send its own job');
    expect(other.get(elsewhere.id).phase).not.toBe('done');
    expect(setup.runner.runBy(mine.id)).toBe('here');
  }, 60_000);

  it('a job cancelled while its step runs stays cancelled and is never sent', async () => {
    setup = await setupRunner({}, { pricePerSecond: () => 0.01 });
    // The balance check before the billed request is slow: the cancel comes while the step waits for it.
    setup.fake.inject('balance', { kind: 'delay', ms: 800 }, 1);
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.fake.count('balance', 'GET') === 1, 'the balance to be asked');
    setup.runner.cancel(job.id);
    expect((await setup.runner.settled(job.id)).phase).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(setup.runner.get(job.id).phase).toBe('cancelled');
    expect(setup.store.get(job.id)?.job.phase).toBe('cancelled');
    expect(setup.fake.count('generate', 'POST')).toBe(0);
  });
});
