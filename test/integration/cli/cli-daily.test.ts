import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireBuild } from '../../support/build-output';
import { openCliFixture, type CliFixture } from '../../support/cli-fixture';

let cli: CliFixture;
beforeAll(requireBuild);
beforeEach(async () => {
  cli = await openCliFixture({ estimatedSeconds: 20 });
});
afterEach(() => cli.close());

const generate = (prompt: string, ...more: string[]) => ['generate', '--prompt', prompt, '--duration', '4', ...more];

describe('the CLI as a daily tool', () => {
  it('`jobs` says why a job failed, in words', async () => {
    (await cli.startFake()).failNextTask('Rejected by the safety system');
    const failed = await cli.reelbench(generate('A kite over the dunes')).done;
    expect(failed.code).toBe(1);
    const jobs = await cli.reelbench(['jobs']).done;
    expect(jobs.code, jobs.stderr).toBe(0);
    expect(jobs.stdout).not.toContain('[object Object]');
    expect(jobs.stdout).toMatch(/failed[^\n]*A kite over the dunes\n\s+\S.*safety/i);
  });

  it('says money one way, with its currency and without float drift: balance, usage and models', async () => {
    await cli.startFake({ balance: 100, pricePerSecond: 0.1 });
    for (const prompt of ['A kite over the dunes', 'A lantern in the fog', 'A fox in the snow']) {
      const made = await cli.reelbench(generate(prompt)).done;
      expect(made.code, made.stderr).toBe(0);
    }
    const balance = await cli.reelbench(['balance']).done;
    expect(balance.stdout.trim()).toMatch(/^Balance: \$\d+\.\d\d \(used \$\d+\.\d\d\)\.$/);
    const asJson = JSON.parse((await cli.reelbench(['balance', '--json']).done).stdout) as { remaining: number };
    expect(String(asJson.remaining)).toMatch(/^\d+(\.\d{1,6})?$/);
    const usage = await cli.reelbench(['usage']).done;
    expect(usage.stdout).toMatch(/^Today: 3 jobs, 12 s billed, cost \$\d+\.\d\d\./m);
    const models = await cli.reelbench(['models']).done;
    expect(models.stdout).toMatch(/\$0\.\d{2,4}\/s/);
    expect(`${balance.stdout}${usage.stdout}${models.stdout}`).not.toMatch(/\d\.\d{5,}|[^$\d]0\.08\/s/);
  });
});
