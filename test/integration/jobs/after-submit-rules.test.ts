import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually';
import { setupRunner, type RunnerSetup } from '../../support/runner-setup';

let setup: RunnerSetup;
afterEach(async () => {
  await setup.close();
});

const request = {
  prompt: 'after the billed step',
  model: 'sora-2-preview',
  params: { duration: 4, aspect_ratio: 'landscape' },
};
const HOUR = 60 * 60 * 1000;

describe('after the billed request: polling and the download', () => {
  it('fails a task APIMart cancelled on its side, saying so', async () => {
    setup = await setupRunner({ estimatedSeconds: 3_000 });
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).taskId !== null, 'the task to exist');
    const task = setup.fake.tasks.get(setup.runner.get(job.id).taskId ?? '');
    if (!task) throw new Error('the fake has no such task');
    task.cancelled = true;
    const ended = await setup.runner.settled(job.id);
    expect(ended).toMatchObject({
      phase: 'failed',
      error: { code: 'server', text: { key: 'error.job.cancelledByApimart' } },
    });
  });

  it("fails a task whose generation failed at APIMart, with APIMart's reason in the message", async () => {
    setup = await setupRunner();
    setup.fake.failNextTask('The render node ran out of memory');
    const ended = await setup.runner.settled(setup.runner.enqueue(request).id);
    expect(ended).toMatchObject({
      phase: 'failed',
      error: {
        code: 'server',
        text: { key: 'error.job.generationFailed', params: { reason: 'The render node ran out of memory' } },
      },
    });
  });

  it('fails a download that is not a video, rather than waiting on it', async () => {
    setup = await setupRunner({ videoPayload: Buffer.from('<!doctype html><title>Sign in</title>'.repeat(40)) });
    const ended = await setup.runner.settled(setup.runner.enqueue(request).id);
    expect(ended).toMatchObject({ phase: 'failed' });
    expect(setup.events.some((event) => event.phase === 'downloading' && event.waiting !== null)).toBe(false);
  });

  it('warns while a link that expires within two hours waits to be downloaded, and clears the warning once it is', async () => {
    // This computer's clock is 23 hours ahead of APIMart's: its 24-hour links have about an hour left.
    setup = await setupRunner({}, { now: () => Date.now() + 23 * HOUR });
    setup.fake.inject('video', { kind: 'status', status: 503 }, 2);
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).waiting !== null, 'the download to wait');
    const waiting = setup.runner.get(job.id);
    expect(waiting.warning).toMatchObject({ key: 'job.warning.linkExpires' });
    expect(Number(waiting.warning?.params['count'])).toBeGreaterThan(50);
    expect(Number(waiting.warning?.params['count'])).toBeLessThanOrEqual(60);
    setup.runner.nudge();
    const done = await setup.runner.settled(job.id);
    expect(done).toMatchObject({ phase: 'done', warning: null });
  });

  it('does not warn about a link with a day left', async () => {
    setup = await setupRunner();
    setup.fake.inject('video', { kind: 'status', status: 503 }, 2);
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).waiting !== null, 'the download to wait');
    expect(setup.runner.get(job.id).warning).toBeNull();
    setup.runner.nudge();
    await setup.runner.settled(job.id);
  });
});
