import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../electron/services/logging/logger';
import type { JobRecord, JobStore } from '../../../electron/services/storage/job-store';
import { eventually } from '../../support/eventually';
import { setupRunner, type RunnerSetup } from '../../support/runner-setup';
import { jobLeftWithCancelAsked } from '../../support/left-jobs';

let setup: RunnerSetup;
afterEach(async () => {
  await setup.close();
});

const request = { prompt: 'a ferry crossing at night', model: 'sora-2-preview', params: { duration: 4 } };

/** The lease owner of a Reelbench process on this machine that has since exited (no process has this pid). */
const exitedOwner = () => `${os.hostname()}:999999:${randomUUID()}`;

/**
 * The real job store, with one write refused the way a race refuses it: just before the runner writes the record
 * `when` picks, another process takes the job's lease (and then exits, so its lease can be taken back).
 */
function storeLosingLeaseOnce(real: JobStore, when: (record: JobRecord) => boolean): JobStore {
  let raced = false;
  return new Proxy(real, {
    get(target, key) {
      if (key === 'saveOwned')
        return (record: JobRecord, owner: string) => {
          if (!raced && when(record)) {
            raced = true;
            target.takeOver(record.job.id, exitedOwner(), owner, Date.now() + 60_000);
          }
          return target.saveOwned(record, owner);
        };
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function recordingLogger(warnings: string[]): Logger {
  return { info: () => undefined, warn: (message) => void warnings.push(message), error: () => undefined };
}

const TAKEN_OVER = 'jobs: another Reelbench process has taken this job over';

describe('a lease lost at the moment of writing', () => {
  it('lets go of a queued job another process took just as this one took it out of the queue, then finishes it', async () => {
    setup = await setupRunner();
    await setup.runner.stop();
    const warnings: string[] = [];
    const runner = setup.beside({
      store: storeLosingLeaseOnce(setup.store, (record) => record.job.phase === 'preparing'),
      logger: recordingLogger(warnings),
    });
    runner.start();
    const job = runner.enqueue(request);
    expect(warnings).toEqual([TAKEN_OVER]);
    // The process that took it is gone: its lease is taken back and the job goes on, sent once.
    expect((await runner.settled(job.id)).phase).toBe('done');
    expect(setup.fake.count('generate', 'POST')).toBe(1);
  });

  it('lets go of a job whose failure it was recording when another process took it', async () => {
    setup = await setupRunner();
    await setup.runner.stop();
    const warnings: string[] = [];
    let opens = 0;
    const runner = setup.beside({
      store: storeLosingLeaseOnce(setup.store, (record) => record.job.waiting === 'network'),
      logger: recordingLogger(warnings),
      uploadCache: () => {
        opens += 1;
        return Promise.reject(new Error(`the upload cache could not be read (${opens})`));
      },
    });
    runner.start();
    const job = runner.enqueue(request);
    await eventually(() => warnings.includes(TAKEN_OVER), 'the runner to let go of the job');
    // Taken back from the exited process, the job runs again and its failure is recorded this time.
    await eventually(() => setup.store.get(job.id)?.job.waiting === 'network', 'the failure recorded');
    runner.cancel(job.id);
  });

  it('lets go of a job whose cancel it was writing when another process took it', async () => {
    setup = await setupRunner({ balance: 0 }, { pricePerSecond: () => 0.1 });
    const id = await jobLeftWithCancelAsked(setup, request);
    const warnings: string[] = [];
    const runner = setup.beside({
      store: storeLosingLeaseOnce(setup.store, (record) => record.job.phase === 'cancelled'),
      logger: recordingLogger(warnings),
      pricePerSecond: () => 0.1,
      leaseMs: 300,
    });
    runner.start();
    await eventually(() => warnings.includes(TAKEN_OVER), 'the runner to let go of the job');
    // Taken back from the exited process, the cancel is written after all; nothing was ever sent.
    expect((await runner.settled(id)).phase).toBe('cancelled');
    expect(setup.fake.count('generate', 'POST')).toBe(0);
  });
});

type Moved = (record: JobRecord) => JobRecord;

/**
 * The real store, where the job looks moved on by another process exactly once: when the runner checks the stored job
 * just before the billed request (the step's own lease taken again, the job still unsent), it reads it changed by
 * `moved`. Nothing is written: the store itself still holds the job as it was.
 */
function storeMovedOnBeforeSending(real: JobStore, moved: Moved): JobStore {
  let claimsBeforeSending = 0;
  let alterNext = false;
  let done = false;
  return new Proxy(real, {
    get(target, key) {
      if (key === 'claim')
        return (...args: Parameters<JobStore['claim']>) => {
          const stored = target.get(args[0]);
          const unsent = stored?.job.phase === 'submitting' && stored.internals.submitAttemptAt === null;
          // The first claim of a submitting job takes it up; the second is its step's, before the POST.
          if (!done && unsent && (claimsBeforeSending += 1) === 2) alterNext = true;
          return target.claim(...args);
        };
      if (key === 'get')
        return (id: string) => {
          const stored = target.get(id);
          if (!alterNext || !stored) return stored;
          alterNext = false;
          done = true;
          return moved(stored);
        };
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('a job another process moved on while this one was paused', () => {
  // Any one of these, written by another process, means the job is not the one this step knows.
  it.each<[string, Moved]>([
    ['written again', (record) => ({ ...record, job: { ...record.job, updatedAt: '2099-01-01T00:00:00.000Z' } })],
    ['in another phase', (record) => ({ ...record, job: { ...record.job, phase: 'uploading' } as JobRecord['job'] })],
    ['given a task', (record) => ({ ...record, job: { ...record.job, taskId: 'task_ELSEWHERE' } as JobRecord['job'] })],
    [
      'with a request sent',
      (record) => ({ ...record, internals: { ...record.internals, submitAttemptAt: new Date().toISOString() } }),
    ],
  ])('lets go instead of sending when it finds the job %s, then sends it once', async (_how, moved) => {
    setup = await setupRunner();
    await setup.runner.stop();
    const warnings: string[] = [];
    const runner = setup.beside({
      store: storeMovedOnBeforeSending(setup.store, moved),
      logger: recordingLogger(warnings),
    });
    runner.start();
    const job = runner.enqueue(request);
    await eventually(() => warnings.includes(TAKEN_OVER), 'the runner to let go of the job');
    expect((await runner.settled(job.id)).phase).toBe('done');
    expect(setup.fake.count('generate', 'POST')).toBe(1);
  });
});
