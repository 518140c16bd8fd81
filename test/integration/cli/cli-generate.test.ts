import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openJobStore } from '../../../electron/services/storage/job-store';
import type { FakeApimart } from '../../fake-apimart/fake-server.ts';
import { requireBuild } from '../../support/build-output';
import { openCliFixture, type CliFixture } from '../../support/cli-fixture';
import { freePort } from '../../support/free-port';
import { SAMPLE_VIDEO } from '../../support/library-setup';
import { eventually } from '../../support/eventually';
import { mp4Payload } from '../../support/video-payload';
import { asDownloaded } from '../../support/strip-record';
import { readVideoRecord } from '../../../electron/services/media/video-record-io';

let cli: CliFixture;
beforeAll(requireBuild);
beforeEach(async () => {
  cli = await openCliFixture({ estimatedSeconds: 150 });
});
afterEach(() => cli.close());

const prompt = ['generate', '--prompt', 'A kite over the dunes at golden hour', '--duration', '4', '--json'];

describe('reelbench generate, through faults and kill -9', () => {
  it('survives kill -9 mid-poll: the resumed job completes with exactly one POST and the same video', async () => {
    await cli.startFake();
    const first = cli.reelbench(prompt);
    await eventually(() => (cli.fake?.count('task') ?? 0) >= 2, 'polling to start');
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');

    const resumed = await cli.reelbench(['jobs', 'resume', '--json']).done;
    expect(resumed.code).toBe(0);
    const { jobs } = JSON.parse(resumed.stdout) as { jobs: { phase: string; libraryItemId: string }[] };
    expect(jobs).toMatchObject([{ phase: 'done' }]);
    expect(cli.fake?.count('generate', 'POST')).toBe(1);
    const list = JSON.parse((await cli.reelbench(['library', 'list', '--json']).done).stdout) as {
      items: { path: string; prompt: string }[];
    };
    expect(list.items).toMatchObject([{ prompt: 'A kite over the dunes at golden hour' }]);
    // The video the server sent, plus its own record (prompt, model, job id) in a new movie box.
    expect(asDownloaded(await readFile(list.items[0]?.path ?? '')).equals(await readFile(SAMPLE_VIDEO))).toBe(true);
    expect(await readVideoRecord(list.items[0]?.path ?? '')).toMatchObject({
      schema: 'reelbench.video-record/1',
      taskId: expect.any(String),
    });
  });

  it('survives kill -9 mid-download: the download resumes with Range and the video is byte-identical', async () => {
    const payload = mp4Payload(4 * 1024 * 1024);
    await cli.startFake({ estimatedSeconds: 20, videoPayload: payload, videoChunkDelayMs: 20 });
    const first = cli.reelbench(prompt);
    await eventually(() => (cli.fake?.videoBytesSent() ?? 0) > 1024 * 1024, 'the download to be under way');
    first.child.kill('SIGKILL');
    await first.done;
    const resumed = await cli.reelbench(['jobs', 'resume', '--json']).done;
    expect(resumed.code).toBe(0);
    const list = JSON.parse((await cli.reelbench(['library', 'list', '--json']).done).stdout) as {
      items: { path: string }[];
    };
    expect((await readFile(list.items[0]?.path ?? '')).equals(payload)).toBe(true);
    const ranges =
      cli.fake?.requests.filter((entry) => entry.route === 'video').map((entry) => entry.headers['range']) ?? [];
    expect(ranges.some((range) => typeof range === 'string' && /^bytes=[1-9]\d*-$/.test(range))).toBe(true);
    expect(cli.fake?.count('generate', 'POST')).toBe(1);
  });

  it('survives kill -9 after the billed POST was sent and before its answer: the restart re-sends with the same key, one task', async () => {
    await cli.startFake({ estimatedSeconds: 20 });
    cli.fake?.inject('generate', { kind: 'hangAfterWork' });
    const first = cli.reelbench(prompt);
    await eventually(() => (cli.fake?.tasks.size ?? 0) === 1, 'APIMart to take the job');
    first.child.kill('SIGKILL');
    await first.done;

    const resumed = await cli.reelbench(['jobs', 'resume', '--json']).done;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ ok: true, jobs: [{ phase: 'done' }] });
    expect(cli.fake?.tasks.size).toBe(1);
    expect(cli.fake?.replays()).toBe(1);
    const keys = cli.fake?.requests
      .filter((entry) => entry.route === 'generate')
      .map((entry) => entry.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(1);
    expect(keys).toHaveLength(2);
    const list = JSON.parse((await cli.reelbench(['library', 'list', '--json']).done).stdout) as { items: unknown[] };
    expect(list.items).toHaveLength(1);
    await expect(readdir(path.join(cli.dir, 'library', '.reelbench-downloads')).catch(() => [])).resolves.toEqual([]);
  });

  it('rides out a 429 storm, 500s and dropped connections: exit 0, one POST', async () => {
    await cli.startFake({ estimatedSeconds: 20 });
    cli.fake?.inject('task', { kind: 'status', status: 429, headers: { 'retry-after': '0' } }, 6);
    cli.fake?.inject('task', { kind: 'status', status: 500 }, 3);
    cli.fake?.inject('task', { kind: 'drop' }, 2);
    cli.fake?.inject('video', { kind: 'dropMidBody', afterBytes: 5_000 }, 1);
    const run = await cli.reelbench(prompt).done;
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: true,
      job: { phase: 'done' },
      path: expect.stringContaining(path.join(cli.dir, 'library')),
    });
    expect(cli.fake?.count('generate', 'POST')).toBe(1);
  }, 60_000);

  it.each([
    [
      'a content-policy refusal',
      (server: FakeApimart) => server.failNextTask('Rejected by the safety system'),
      'contentPolicy',
    ],
    ['an expired link', (server: FakeApimart) => server.inject('video', { kind: 'status', status: 403 }, 5), 'expired'],
  ])('reports %s with exit 1 and the reason', async (_name, arrange, code) => {
    arrange(await cli.startFake({ estimatedSeconds: 20 }));
    const run = await cli.reelbench(prompt).done;
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code } });
  });

  it('reports a wrong key in one line on stderr, without a stack trace', async () => {
    await cli.startFake();
    const run = await cli.reelbench(['generate', '--prompt', 'x y z'], { REELBENCH_API_KEY: 'sk-wrong-key-12345' })
      .done;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('reelbench: This key was rejected by APIMart.\n');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(cli.fake?.tasks.size).toBe(0);
  });

  it('waits for the network and carries on when it returns', async () => {
    const port = await freePort();
    const apiKey = 'sk-offline-test-key-42';
    const run = cli.reelbench(
      prompt.filter((arg) => arg !== '--json'),
      { REELBENCH_BASE_URL: `http://127.0.0.1:${port}`, REELBENCH_API_KEY: apiKey },
    );
    // Read the CLI's own job database (WAL lets a second reader in) until the job says it is waiting.
    const jobsFile = path.join(cli.dir, 'data', 'jobs.sqlite');
    await eventually(
      () => {
        if (!existsSync(jobsFile)) return false;
        let store: ReturnType<typeof openJobStore>;
        try {
          store = openJobStore(jobsFile);
        } catch {
          return false; // the CLI is still creating the database (locked, or its schema not written yet): look again
        }
        try {
          return store.all()[0]?.job.waiting === 'network';
        } finally {
          store.close();
        }
      },
      'the job to wait for the network',
      30_000,
    );
    // It says what it waits for, and that stopping is safe.
    await eventually(() => run.stderr().includes('Waiting for the network'), 'the waiting line');
    expect(run.stderr()).toContain(
      `Waiting for the network: APIMart (127.0.0.1:${port}) cannot be reached. It carries on by itself when the connection returns. Ctrl+C is safe`,
    );
    await cli.startFake({ port, apiKey, estimatedSeconds: 10 });
    const finished = await run.done;
    expect(finished.code).toBe(0);
    // Standard output is the saved video's path and nothing else.
    expect(finished.stdout.endsWith('.mp4\n') && finished.stdout.startsWith(path.join(cli.dir, 'library'))).toBe(true);
    expect(finished.stdout.split('\n')).toHaveLength(2);
    expect(cli.fake?.count('generate', 'POST')).toBe(1);
  }, 60_000);
});
