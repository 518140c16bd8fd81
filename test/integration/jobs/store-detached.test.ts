import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openJobStore } from '../../../electron/services/storage/job-store';
import { eventually } from '../../support/eventually';
import { setupRunner, type RunnerSetup } from '../../support/runner-setup';

let setup: RunnerSetup;
afterEach(async () => {
  await setup.close();
});

const request = { prompt: 'a lighthouse in fog', model: 'sora-2-preview', params: { duration: 8 } };

describe('a job database deleted under a running process', () => {
  it('stops the runner with a clear message instead of writing into a file nobody will read', async () => {
    setup = await setupRunner({ estimatedSeconds: 3_600 });
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).phase === 'polling', 'the job to be sent');
    const waiting = setup.runner.settled(job.id);
    const idle = setup.runner.idle();
    // What a test run once did to a live data folder: the database and its journal, gone.
    for (const suffix of ['', '-wal', '-shm']) await rm(`${setup.paths.jobsFile}${suffix}`, { force: true });

    await expect(waiting).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('jobs file was deleted or replaced while it was running'),
    });
    expect(() => setup.runner.enqueue(request)).toThrow(/deleted or replaced/);
    // Asked again afterwards about the job it was running, it says so at once instead of waiting for ever; and who
    // waited for the queue to empty (the CLI before it exits) is let go.
    await expect(setup.runner.settled(job.id)).rejects.toMatchObject({ code: 'internal' });
    await expect(idle).resolves.toBeUndefined();
    // A new process starts an empty database at the path, and the old one writes nothing into it.
    const polls = setup.fake.count('task');
    const fresh = openJobStore(setup.paths.jobsFile);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(fresh.all()).toEqual([]);
    fresh.close();
    expect(setup.fake.count('task')).toBe(polls);
  });

  it('stops when the file is replaced by another one at the same path', async () => {
    setup = await setupRunner({ estimatedSeconds: 3_600 });
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).phase === 'polling', 'the job to be sent');
    for (const suffix of ['', '-wal', '-shm']) await rm(`${setup.paths.jobsFile}${suffix}`, { force: true });
    openJobStore(setup.paths.jobsFile).close();
    await expect(setup.runner.settled(job.id)).rejects.toMatchObject({ code: 'internal' });
  });

  it('sends nothing once the database is gone, even from a step that was under way', async () => {
    setup = await setupRunner({}, { pricePerSecond: () => 0.01, watchMs: 20 });
    // The balance check before the billed request is slow: the database goes while the step waits for it.
    setup.fake.inject('balance', { kind: 'delay', ms: 1_500 }, 1);
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.fake.count('balance', 'GET') === 1, 'the balance to be asked');
    const waiting = setup.runner.settled(job.id);
    for (const suffix of ['', '-wal', '-shm']) await rm(`${setup.paths.jobsFile}${suffix}`, { force: true });
    await expect(waiting).rejects.toMatchObject({ code: 'internal' });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(setup.fake.count('generate', 'POST')).toBe(0);
  });

  it('is told once, however often it looks again', async () => {
    const told: string[] = [];
    setup = await setupRunner(
      { estimatedSeconds: 3_600 },
      { watchMs: 20, onDetached: (error) => void told.push(error.code) },
    );
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).phase === 'polling', 'the job to be sent');
    for (const suffix of ['', '-wal', '-shm']) await rm(`${setup.paths.jobsFile}${suffix}`, { force: true });
    await eventually(() => told.length > 0, 'the runner to notice');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(told).toEqual(['internal']);
  });
});
