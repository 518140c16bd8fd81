import { afterEach, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '../../../shared/text/shorten';
import { setupRunner, type RunnerSetup } from '../../support/runner-setup';

// Text from APIMart is outside input: whatever its length or shape, a job takes one clear path and is billed once.
let setup: RunnerSetup;
afterEach(async () => {
  await setup.close();
});

const request = {
  prompt: 'a long reason',
  model: 'sora-2-preview',
  params: { duration: 8, aspect_ratio: 'landscape' },
};

describe('long and hostile text in answers', () => {
  it('a task failing with a 12,000-character reason fails the job with the reason shortened, once', async () => {
    setup = await setupRunner();
    setup.fake.failNextTask(`The render broke. ${'x'.repeat(12_000)}`);
    const job = setup.runner.enqueue(request);
    const settled = await setup.runner.settled(job.id);
    expect(settled.phase).toBe('failed');
    const reason = JSON.stringify(settled.error);
    expect(reason).toContain('The render broke.');
    expect(reason).toContain('…');
    expect(reason.length).toBeLessThan(3 * MAX_MESSAGE_CHARS);
    expect(setup.fake.count('generate', 'POST')).toBe(1);
  });

  it('a 400 with a 12,000-character message fails the job as a refusal: received, so never sent again', async () => {
    setup = await setupRunner();
    const message = `prompt rejected: ${'y'.repeat(12_000)}`;
    setup.fake.inject('generate', { kind: 'status', status: 400, body: { error: { message, type: 'invalid' } } }, 5);
    const job = setup.runner.enqueue(request);
    const settled = await setup.runner.settled(job.id);
    expect(settled).toMatchObject({ phase: 'failed', error: { code: 'invalidRequest' } });
    expect(settled.error?.message).toContain('prompt rejected');
    expect(settled.error?.message.length).toBeLessThan(3 * MAX_MESSAGE_CHARS);
    expect(setup.fake.count('generate', 'POST')).toBe(1);
  });

  it('a 400 saying "model" a hundred thousand times is read in a moment, and the job fails as a refusal', async () => {
    setup = await setupRunner();
    const message = 'model '.repeat(200_000); // 1.2 MB: minutes of backtracking for a quadratic pattern
    setup.fake.inject('generate', { kind: 'status', status: 400, body: { error: { message } } });
    const started = performance.now();
    const job = setup.runner.enqueue(request);
    const settled = await setup.runner.settled(job.id);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(settled).toMatchObject({ phase: 'failed', error: { code: 'invalidRequest' } });
    expect(setup.fake.count('generate', 'POST')).toBe(1);
  });
});
