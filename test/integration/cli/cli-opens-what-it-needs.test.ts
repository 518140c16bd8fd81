import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCliFixture, type CliFixture } from '../../support/cli-fixture';

let cli: CliFixture;
afterEach(async () => {
  await cli.close();
});

describe('each command opens only what it needs', () => {
  it('`key status` touches neither the library nor jobs.sqlite; `jobs` opens the jobs and the library', async () => {
    cli = await openCliFixture();
    await cli.startFake();
    const status = await cli.reelbench(['key', 'status']).done;
    expect(status.code, status.stderr).toBe(0);
    const jobsFile = path.join(cli.dir, 'data', 'jobs.sqlite');
    const catalog = path.join(cli.dir, 'data', 'library', 'catalog.sqlite');
    const library = path.join(cli.dir, 'library');
    expect([existsSync(jobsFile), existsSync(catalog), existsSync(library)]).toEqual([false, false, false]);

    const jobs = await cli.reelbench(['jobs']).done;
    expect(jobs.code, jobs.stderr).toBe(0);
    expect([existsSync(jobsFile), existsSync(catalog), existsSync(library)]).toEqual([true, true, true]);
  });
});
