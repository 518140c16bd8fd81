import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually';
import { setupRunner, type RunnerSetup } from '../../support/runner-setup';

let setup: RunnerSetup;
afterEach(async () => {
  await setup.close();
});

describe('the lease before the billed POST', () => {
  it('is taken again right before sending: a process paused past its lease cannot send while another takes over', async () => {
    setup = await setupRunner({ estimatedSeconds: 600 }, { pricePerSecond: () => 0.1 });
    // The balance check before the POST is slow; the POST itself slower, so another process has time to look.
    setup.fake.inject('balance', { kind: 'delay', ms: 700 });
    setup.fake.inject('generate', { kind: 'delay', ms: 1_300 }); // under the client's 2 s timeout
    const job = setup.runner.enqueue({ prompt: 'one charge only', model: 'sora-2-preview', params: { duration: 8 } });
    await eventually(() => setup.fake.count('balance') === 1, 'the balance check to start');
    // As if this process had been paused past its lease during the check: the lease has run out.
    const raw = new DatabaseSync(setup.paths.jobsFile);
    raw.prepare('UPDATE jobs SET lease_until = 0 WHERE id = ?').run(job.id);
    raw.close();
    await eventually(() => setup.fake.count('generate', 'POST') === 1, 'the POST to be sent');
    // Another process starts while the POST is out: the lease it finds was renewed before sending, so it waits.
    setup.beside().start();
    await setup.runner.settled(job.id);
    expect(setup.fake.count('generate', 'POST')).toBe(1);
  });
});
