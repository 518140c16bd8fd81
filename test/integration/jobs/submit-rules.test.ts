import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually';
import { setupRunner, type RunnerSetup } from '../../support/runner-setup';

let setup: RunnerSetup;
afterEach(async () => {
  await setup.close();
});

// Four seconds at 0.25 a second: 1.00 (the fake charges the same price).
const request = {
  prompt: 'the billed step',
  model: 'sora-2-preview',
  params: { duration: 4, aspect_ratio: 'landscape' },
};
const priced = { pricePerSecond: () => 0.25, balanceMaxAgeMs: 0, balanceRecheckMs: 50 };

describe('the billed request: what holds it back and what it tells', () => {
  it('sends a job the balance exactly pays for', async () => {
    setup = await setupRunner({ balance: 1, pricePerSecond: 0.25 }, priced);
    const done = await setup.runner.settled(setup.runner.enqueue(request).id);
    expect(done).toMatchObject({ phase: 'done', billedSeconds: 4 });
    expect(setup.events.some((event) => event.waiting === 'balance')).toBe(false);
    expect(setup.fake.balance()).toBeCloseTo(0);
  });

  it('re-sends an unanswered request even when its own charge left the balance below the cost: the key settles it', async () => {
    // 1.50 pays for one job; once APIMart took it (and the answer was lost) 0.50 is left, less than its cost.
    setup = await setupRunner({ balance: 1.5, pricePerSecond: 0.25 }, priced);
    setup.fake.inject('generate', { kind: 'dropAfterWork' });
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).waiting === 'network', 'the job to wait after the lost answer');
    setup.runner.nudge();
    const done = await setup.runner.settled(job.id);
    expect(done).toMatchObject({ phase: 'done', billedSeconds: 4 });
    expect(setup.events.some((event) => event.waiting === 'balance')).toBe(false);
    expect(setup.fake.tasks.size).toBe(1);
    expect(setup.fake.balance()).toBeCloseTo(0.5);
  });

  it('tells the catalog when APIMart no longer has the model, and only then', async () => {
    const gone: string[] = [];
    setup = await setupRunner({ retired: ['sora-2-preview'] }, { onModelGone: (model) => void gone.push(model) });
    const retired = await setup.runner.settled(setup.runner.enqueue(request).id);
    expect(retired).toMatchObject({ phase: 'failed', error: { code: 'unknownModel' } });
    expect(gone).toEqual(['sora-2-preview']);

    setup.fake.inject('generate', { kind: 'status', status: 400, body: { code: 400, message: 'prompt refused' } });
    const refused = await setup.runner.settled(
      setup.runner.enqueue({ ...request, model: 'veo3.1-fast-official', params: { duration: 4, aspect_ratio: '16:9' } })
        .id,
    );
    expect(refused).toMatchObject({ phase: 'failed' });
    expect(gone).toEqual(['sora-2-preview']);
  });

  it('fails a job whose image cannot be read before anything is sent, rather than waiting on it', async () => {
    setup = await setupRunner();
    const image = path.join(setup.paths.dataDir, 'not-an-image.png');
    await writeFile(image, 'plain text, not a picture');
    const job = setup.runner.enqueue({ ...request, images: [{ role: 'first', path: image }] });
    const ended = await setup.runner.settled(job.id);
    expect(ended).toMatchObject({ phase: 'failed', error: { code: 'invalidImage' } });
    expect(setup.events.some((event) => event.waiting !== null)).toBe(false);
    expect(setup.fake.count('generate', 'POST')).toBe(0);
  });
});
