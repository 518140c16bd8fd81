import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openJobStore } from '../../../electron/services/storage/job-store';
import { requireBuild } from '../../support/build-output';
import { openCliFixture, type CliFixture } from '../../support/cli-fixture';
import { freePort } from '../../support/free-port';
import { eventually } from '../../support/eventually';

let cli: CliFixture;
beforeAll(requireBuild);
beforeEach(async () => {
  cli = await openCliFixture({ estimatedSeconds: 20 });
});
afterEach(() => cli.close());

/** Whether any process holds jobs.sqlite's write lock right now (a writer paused mid-commit blocks every other). */
function writeLocked(): boolean {
  const db = new DatabaseSync(path.join(cli.dir, 'data', 'jobs.sqlite'));
  try {
    db.exec('PRAGMA busy_timeout = 0');
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return false;
  } catch {
    return true;
  } finally {
    db.close();
  }
}

/**
 * Pauses a process between its writes: one stopped inside a commit holds the database's write lock until it wakes,
 * which no other process can break (SQLite's rule, said by the app as "in use by a paused process"). That case is
 * the storage tests'; this one is about a lease running out.
 */
async function pauseBetweenWrites(child: { kill(signal: NodeJS.Signals): boolean }): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    child.kill('SIGSTOP');
    if (!writeLocked()) return;
    child.kill('SIGCONT');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the process was inside a write every time it was paused');
}

/** The CLI's job database as another process sees it (WAL lets a reader in beside the writers). */
function storedJobs() {
  let store: ReturnType<typeof openJobStore>;
  try {
    store = openJobStore(path.join(cli.dir, 'data', 'jobs.sqlite'));
  } catch {
    return []; // still being created by the CLI
  }
  try {
    return store.all().map((record) => ({ ...record, lease: store.lease(record.job.id) }));
  } finally {
    store.close();
  }
}

const temporaryFiles = async () => readdir(path.join(cli.dir, 'library', '.reelbench-downloads')).catch(() => []);

describe('one job, billed once and filed once, whatever runs beside it', () => {
  it('two processes on one data folder while the network is down: each job is sent once, by its owner', async () => {
    const port = await freePort();
    const offline = { REELBENCH_BASE_URL: `http://127.0.0.1:${port}`, REELBENCH_API_KEY: 'sk-shared-offline-key-7' };
    const first = cli.reelbench(['generate', '--prompt', 'The first fox'], offline);
    await eventually(() => storedJobs()[0]?.job.waiting === 'network', 'the first job to wait for the network', 30_000);

    // A second process beside it: `jobs resume` leaves the job to its owner, and says so.
    const beside = await cli.reelbench(['jobs', 'resume'], offline).done;
    expect(beside).toMatchObject({ code: 0, stdout: '1 job is being run by another Reelbench process.\n' });
    // `generate` in a second process runs only its own job.
    const second = cli.reelbench(['generate', '--prompt', 'The second fox'], offline);
    await eventually(
      () => storedJobs().filter((record) => record.job.waiting === 'network').length === 2,
      'both jobs to wait',
      30_000,
    );

    await cli.startFake({ port, apiKey: offline.REELBENCH_API_KEY, estimatedSeconds: 10 });
    const [one, two] = await Promise.all([first.done, second.done]);
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(cli.fake?.tasks.size).toBe(2);
    const posts = cli.fake?.requests.filter((entry) => entry.route === 'generate') ?? [];
    expect(new Set(posts.map((entry) => entry.headers['idempotency-key'])).size).toBe(posts.length);
    expect(posts).toHaveLength(2);
    const list = JSON.parse((await cli.reelbench(['library', 'list', '--json']).done).stdout) as {
      items: { title: string }[];
    };
    expect(list.items.map((item) => item.title).sort()).toEqual(['The first fox', 'The second fox']);
    expect(await temporaryFiles()).toEqual([]);
  }, 90_000);

  it('a process paused past its lease loses the job to another, and when it wakes it stops without touching it', async () => {
    await cli.startFake({ estimatedSeconds: 3_000 });
    // Long enough that the check below runs inside it even on a loaded machine, short enough to wait out.
    const lease = { REELBENCH_LEASE_MS: '5000' };
    const paused = cli.reelbench(['generate', '--prompt', 'A sleepy owl'], lease);
    await eventually(() => (cli.fake?.count('task') ?? 0) >= 1, 'polling to start');
    await pauseBetweenWrites(paused.child);
    const [held] = storedJobs();
    expect(held?.lease).not.toBeNull();
    // While its lease lasts, nobody else runs it.
    const beside = await cli.reelbench(['jobs', 'resume'], lease).done;
    expect(beside, beside.stderr).toMatchObject({
      code: 0,
      stdout: '1 job is being run by another Reelbench process.\n',
    });
    await eventually(
      () => (storedJobs()[0]?.lease?.until ?? 0) < Date.now(),
      "the paused process's lease to run out",
      15_000,
    );

    // Another process takes it over and runs it; the paused one wakes while it does.
    const takeover = cli.reelbench(['jobs', 'resume', '--json'], lease);
    const owner = held?.lease?.owner;
    await eventually(() => {
      const now = storedJobs()[0]?.lease;
      return now !== null && now !== undefined && now.owner !== owner;
    }, 'the other process to hold the job');
    paused.child.kill('SIGCONT');
    const woke = await paused.done;
    expect(woke.code, woke.stderr).toBe(1);
    expect(woke.stderr).toMatch(/Another Reelbench process took job [0-9a-f]{8} over while this one was paused/);
    expect(storedJobs()[0]?.lease?.owner).not.toBe(owner);

    cli.fake?.clock.advance(3_100_000);
    const finished = await takeover.done;
    expect(finished.code, finished.stderr).toBe(0);
    expect(JSON.parse(finished.stdout)).toMatchObject({ ok: true, jobs: [{ phase: 'done' }] });
    expect(cli.fake?.count('generate', 'POST')).toBe(1);
    expect(JSON.parse((await cli.reelbench(['library', 'list', '--json']).done).stdout)).toMatchObject({ total: 1 });
    expect(await temporaryFiles()).toEqual([]);
  }, 60_000);
});
