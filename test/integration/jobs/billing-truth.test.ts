import { afterEach, describe, expect, it } from 'vitest';
import { cancelledRecord } from '../../../electron/services/jobs/job-steps';
import { jobSchema } from '../../../shared/jobs/job-models';
import { freePort } from '../../support/free-port';
import { eventually } from '../../support/eventually';
import { setupRunner, type RunnerSetup } from '../../support/runner-setup';

// Cases the chaos round found (test/chaos/regression-seeds.json): a charge must never end up unseen, and one
// garbled answer must never cost a paid video.
let setup: RunnerSetup;
afterEach(async () => {
  await setup.close();
});

const request = {
  prompt: 'the truth about a charge',
  model: 'sora-2-preview',
  params: { duration: 8, aspect_ratio: 'landscape' },
};

describe('billing truth', () => {
  it('asks again after a poll answer cut short mid-JSON, and the paid video still arrives', async () => {
    setup = await setupRunner();
    setup.fake.inject('task', { kind: 'malformedJson' });
    const job = setup.runner.enqueue(request);
    const settled = await setup.runner.settled(job.id);
    expect(settled).toMatchObject({ phase: 'done', billedSeconds: 8 });
    expect(setup.fake.count('generate', 'POST')).toBe(1);
    const history = setup.store.history(job.id);
    expect(
      history.some((entry) => entry.phase === 'polling' && entry.waiting === 'network' && entry.detail === 'malformed'),
    ).toBe(true);
  });

  it('cancelled while its billed request is out: stops once the answer is in, with the task and its charge on record', async () => {
    setup = await setupRunner({ estimatedSeconds: 600 });
    setup.fake.inject('generate', { kind: 'delay', ms: 800 });
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.fake.count('generate', 'POST') === 1, 'the POST to reach APIMart');
    const cancelling = setup.runner.cancel(job.id);
    expect(cancelling).toMatchObject({ phase: 'submitting', cancelRequestedAt: expect.any(String) });
    const settled = await setup.runner.settled(job.id);
    const [task] = setup.fake.tasks.keys();
    expect(settled).toMatchObject({
      phase: 'cancelled',
      taskId: task,
      billedSeconds: 8,
      warning: { key: 'job.warning.abandoned', params: {} },
    });
    expect(setup.runner.usage().month.seconds).toBe(8);
    expect(setup.fake.tasks.size).toBe(1);
  });

  it('cancelled after the answer was lost: the same request under the same key learns the charge, and bills nothing more', async () => {
    setup = await setupRunner({ estimatedSeconds: 600 });
    setup.fake.inject('generate', { kind: 'dropAfterWork' });
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).waiting === 'network', 'the lost answer to make the job wait');
    expect(setup.runner.cancel(job.id)).toMatchObject({ phase: 'submitting', cancelRequestedAt: expect.any(String) });
    const settled = await setup.runner.settled(job.id);
    const [task] = setup.fake.tasks.keys();
    expect(settled).toMatchObject({ phase: 'cancelled', taskId: task, billedSeconds: 8 });
    expect(setup.fake.tasks.size).toBe(1);
    expect(setup.fake.replays()).toBe(1);
    expect(setup.runner.usage().month.seconds).toBe(8);
  });

  it('cancelled after a request that provably never left: cancelled at once, nothing sent again', async () => {
    setup = await setupRunner();
    setup.baseUrl = `http://127.0.0.1:${await freePort()}`;
    const job = setup.runner.enqueue(request);
    await eventually(
      () => setup.runner.get(job.id).waiting === 'network',
      'the refused connection to make the job wait',
    );
    setup.baseUrl = setup.fake.baseUrl;
    expect(setup.runner.cancel(job.id)).toMatchObject({
      phase: 'cancelled',
      taskId: null,
      billedSeconds: null,
      cancelRequestedAt: null,
    });
    await setup.runner.idle();
    expect(setup.fake.count('generate', 'POST')).toBe(0);
  });

  it('a cancel from another process reaches the job where it runs, after its answer is recorded', async () => {
    setup = await setupRunner({ estimatedSeconds: 600 });
    setup.fake.inject('generate', { kind: 'delay', ms: 800 });
    const other = setup.beside();
    other.start();
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.fake.count('generate', 'POST') === 1, 'the POST to reach APIMart');
    expect(other.cancel(job.id)).toMatchObject({ phase: 'submitting', cancelRequestedAt: expect.any(String) });
    const settled = await setup.runner.settled(job.id);
    expect(settled).toMatchObject({ phase: 'cancelled', billedSeconds: 8, taskId: [...setup.fake.tasks.keys()][0] });
    await eventually(() => other.get(job.id).phase === 'cancelled', 'the other process to see it cancelled');
  });

  it('a cancel that comes while the video is being filed is too late: the paid video is kept and the job finishes', async () => {
    setup = await setupRunner({ estimatedSeconds: 1 });
    const job = setup.runner.enqueue(request);
    await setup.runner.settled(job.id);
    const done = setup.store.get(job.id);
    if (!done || done.job.phase !== 'done') throw new Error('the job did not finish');
    // The same job as it was a moment before the end: filing, its name claimed (chaos seed 2 once cancelled it here,
    // leaving a filed video whose job said "cancelled").
    const filing = {
      job: jobSchema.parse({ ...done.job, phase: 'filing', libraryItemId: null }),
      internals: { ...done.internals, filingAs: 'claimed name' },
    };
    setup.store.save(filing);
    expect(
      setup.store.cancel(job.id, (stored) => cancelledRecord(stored, Date.now()), new Date().toISOString()),
    ).toMatchObject({ job: { phase: 'filing' } });
    expect(setup.store.get(job.id)?.job.phase).toBe('filing');
    expect(setup.store.history(job.id).at(-1)).toMatchObject({
      detail: 'cancel too late: filing',
      by: expect.stringMatching(/^user@/),
    });
  });

  it("keeps each job's history: every phase, with the process that wrote it", async () => {
    setup = await setupRunner();
    const job = setup.runner.enqueue(request);
    await setup.runner.settled(job.id);
    const history = setup.store.history(job.id);
    expect(history.map((entry) => entry.phase)).toEqual([
      'queued',
      'preparing',
      'submitting',
      'submitting',
      'polling',
      'downloading',
      'filing',
      'filing',
      'done',
    ]);
    expect(history[3]).toMatchObject({ detail: 'sending' });
    expect(new Set(history.map((entry) => entry.by)).size).toBe(1);
    expect(history[0]?.by).toMatch(new RegExp(`:${process.pid}:`));
  });
});
