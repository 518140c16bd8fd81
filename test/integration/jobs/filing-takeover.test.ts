import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { asDownloaded } from '../../support/strip-record';
import { eventually } from '../../support/eventually';
import { SAMPLE_VIDEO } from '../../support/library-setup';
import { setupRunner, type RunnerSetup } from '../../support/runner-setup';

const ROOT = path.resolve(import.meta.dirname, '../../..');
let setup: RunnerSetup;
let child: ChildProcess | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  await setup.close();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('a takeover while another process writes the record (issue #40)', () => {
  it('files the bytes the server sent, whatever the paused process had half written', { timeout: 90_000 }, async () => {
    // This process's runner runs only its own jobs: the job is the child's until the child's lease runs out.
    setup = await setupRunner({ estimatedSeconds: 12 }, { adopt: false });
    const lines: string[] = [];
    child = spawn(process.execPath, ['--import', './scripts/register-ts.js', 'test/support/filing-child.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        REELBENCH_DATA_DIR: setup.paths.dataDir,
        REELBENCH_BASE_URL: setup.baseUrl,
        REELBENCH_TEST_KEY: setup.fake.apiKey,
        REELBENCH_LEASE_MS: '900',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout?.on('data', (data: Buffer) => lines.push(...data.toString().trim().split('\n')));
    // B: the child, halfway through writing its record (its new movie box appended, the old one not freed)…
    await eventually(() => lines.includes('paused-in-record'), 'the child to reach its record write', 30_000);
    const jobId = (lines.find((line) => line.startsWith('job ')) ?? '').slice(4);
    child.kill('SIGSTOP');
    // …paused past its lease: C, another process, takes the job over and files it.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const taker = setup.beside({ adopt: true, leaseMs: 900 });
    taker.start();
    const done = await taker.settled(jobId);
    expect(done.phase).toBe('done');
    // B wakes up, finishes its write into its own file, and finds the job is not its own any more.
    child.kill('SIGCONT');
    await eventually(() => lines.includes('record-done'), 'the child to finish its record write', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const filed = (await setup.library.current().mediaFile('video', done.libraryItemId ?? '')) ?? '';
    // The fake serves its sample clip for every task.
    expect(sha256(asDownloaded(await readFile(filed)))).toBe(sha256(await readFile(SAMPLE_VIDEO)));
    expect(setup.fake.count('video')).toBe(1);
    const videos = (await readdir(setup.library.current().root)).filter((name) => name.endsWith('.mp4'));
    expect(videos).toHaveLength(1);
    expect(setup.store.history(jobId).map((entry) => entry.phase)).toContain('done');
  });

  it('files the download as it came when writing the record changed more than the record (a remux, say)', async () => {
    setup = await setupRunner(
      {},
      {
        // A record write that rewrites the media too: its result is not what the server sent.
        recordVideo: async (file) => {
          const bytes = await readFile(file);
          const middle = Math.floor(bytes.length / 2);
          bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
          await writeFile(file, bytes);
        },
      },
    );
    const done = await setup.runner.settled(
      setup.runner.enqueue({ prompt: 'a heron at dawn', model: 'sora-2-preview', params: { duration: 4 } }).id,
    );
    expect(done.phase).toBe('done');
    const filed = (await setup.library.current().mediaFile('video', done.libraryItemId ?? '')) ?? '';
    expect((await readFile(filed)).equals(await readFile(SAMPLE_VIDEO))).toBe(true);
    expect(await readdir(path.join(setup.library.current().root, '.reelbench-downloads'))).toEqual([]);
  });
});
