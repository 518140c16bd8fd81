import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openJobStore } from '../../../electron/services/storage/job-store';
import { startFakeApimart, type FakeApimart, type FakeApimartOptions } from '../../fake-apimart/fake-server.ts';
import { requireBuild } from '../../support/build-output';
import { CLI } from '../../support/cli-runner';
import { freePort } from '../../support/free-port';
import { SAMPLE_VIDEO } from '../../support/library-setup';
import { eventually } from '../../support/runner-setup';

let dir: string;
let fake: FakeApimart | undefined;
let ticker: NodeJS.Timeout | undefined;
const children: ChildProcess[] = [];
beforeAll(requireBuild);
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  clearInterval(ticker);
  await fake?.close();
  fake = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function startFake(options: FakeApimartOptions = {}): Promise<FakeApimart> {
  fake = await startFakeApimart({ estimatedSeconds: 150, ...options });
  const running = fake;
  ticker = setInterval(() => running.clock.advance(1_000), 10);
  return fake;
}

interface Run {
  readonly child: ChildProcess;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts the built CLI as its own process, as a user (or a script) would. */
function reelbench(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: {
      ...process.env,
      REELBENCH_DATA_DIR: path.join(dir, 'data'),
      REELBENCH_LIBRARY_DIR: path.join(dir, 'library'),
      REELBENCH_BASE_URL: fake?.baseUrl ?? 'http://127.0.0.1:9',
      REELBENCH_API_KEY: fake?.apiKey ?? 'sk-none-000000',
      REELBENCH_POLL_MIN_MS: '20',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

const prompt = ['generate', '--prompt', 'A kite over the dunes at golden hour', '--duration', '4', '--json'];

describe('reelbench generate, through faults and kill -9', () => {
  it('survives kill -9 mid-poll: the resumed job completes with exactly one POST and the same video', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-cli-kill-'));
    await startFake();
    const first = reelbench(prompt);
    await eventually(() => (fake?.count('task') ?? 0) >= 2, 'polling to start');
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');

    const resumed = await reelbench(['jobs', 'resume', '--json']).done;
    expect(resumed.code).toBe(0);
    const { jobs } = JSON.parse(resumed.stdout) as { jobs: { phase: string; libraryItemId: string }[] };
    expect(jobs).toMatchObject([{ phase: 'done' }]);
    expect(fake?.count('generate', 'POST')).toBe(1);
    const list = JSON.parse((await reelbench(['library', 'list', '--json']).done).stdout) as { items: { path: string; prompt: string }[] };
    expect(list.items).toMatchObject([{ prompt: 'A kite over the dunes at golden hour' }]);
    expect((await readFile(list.items[0]?.path ?? '')).equals(await readFile(SAMPLE_VIDEO))).toBe(true);
  });

  it('survives kill -9 mid-download: the download resumes with Range and the video is byte-identical', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-cli-kill-'));
    const payload = randomBytes(4 * 1024 * 1024);
    await startFake({ estimatedSeconds: 20, videoPayload: payload, videoChunkDelayMs: 20 });
    const first = reelbench(prompt);
    await eventually(() => (fake?.videoBytesSent() ?? 0) > 1024 * 1024, 'the download to be under way');
    first.child.kill('SIGKILL');
    await first.done;
    const resumed = await reelbench(['jobs', 'resume', '--json']).done;
    expect(resumed.code).toBe(0);
    const list = JSON.parse((await reelbench(['library', 'list', '--json']).done).stdout) as { items: { path: string }[] };
    expect((await readFile(list.items[0]?.path ?? '')).equals(payload)).toBe(true);
    const ranges = fake?.requests.filter((entry) => entry.route === 'video').map((entry) => entry.headers['range']) ?? [];
    expect(ranges.some((range) => typeof range === 'string' && /^bytes=[1-9]\d*-$/.test(range))).toBe(true);
    expect(fake?.count('generate', 'POST')).toBe(1);
  });

  it('rides out a 429 storm, 500s and dropped connections: exit 0, one POST', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-cli-faults-'));
    await startFake({ estimatedSeconds: 20 });
    fake?.inject('task', { kind: 'status', status: 429, headers: { 'retry-after': '0' } }, 6);
    fake?.inject('task', { kind: 'status', status: 500 }, 3);
    fake?.inject('task', { kind: 'drop' }, 2);
    fake?.inject('video', { kind: 'dropMidBody', afterBytes: 5_000 }, 1);
    const run = await reelbench(prompt).done;
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, job: { phase: 'done' }, path: expect.stringContaining(path.join(dir, 'library')) });
    expect(fake?.count('generate', 'POST')).toBe(1);
  }, 60_000);

  it.each([
    ['a content-policy refusal', (server: FakeApimart) => server.failNextTask('Rejected by the safety system'), 'contentPolicy'],
    ['an expired link', (server: FakeApimart) => server.inject('video', { kind: 'status', status: 403 }, 5), 'expired'],
  ])('reports %s with exit 1 and the reason', async (_name, arrange, code) => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-cli-fail-'));
    arrange(await startFake({ estimatedSeconds: 20 }));
    const run = await reelbench(prompt).done;
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code } });
  });

  it('reports a wrong key in one line on stderr, without a stack trace', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-cli-key-'));
    await startFake();
    const run = await reelbench(['generate', '--prompt', 'x y z'], { REELBENCH_API_KEY: 'sk-wrong-key-12345' }).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('reelbench: This key was rejected by APIMart.\n');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fake?.tasks.size).toBe(0);
  });

  it('waits for the network and carries on when it returns', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-cli-offline-'));
    const port = await freePort();
    const apiKey = 'sk-offline-test-key-42';
    const run = reelbench(prompt, { REELBENCH_BASE_URL: `http://127.0.0.1:${port}`, REELBENCH_API_KEY: apiKey });
    // Read the CLI's own job database (WAL lets a second reader in) until the job says it is waiting.
    const jobsFile = path.join(dir, 'data', 'jobs.sqlite');
    await eventually(() => {
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
    }, 'the job to wait for the network', 30_000);
    await startFake({ port, apiKey, estimatedSeconds: 10 });
    const finished = await run.done;
    expect(finished.code).toBe(0);
    expect(fake?.count('generate', 'POST')).toBe(1);
  }, 60_000);
});
