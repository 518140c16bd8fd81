import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFakeApimart, type FakeApimart, type FakeApimartOptions } from '../fake-apimart/fake-server.ts';
import { spawnCli, type CliRun } from './cli-runner';

/** A test's own data and library folders, a fake APIMart whose clock runs fast, and the built CLI pointed at both. */
export interface CliFixture {
  readonly dir: string;
  readonly fake: FakeApimart | undefined;
  /** Starts the fake; its clock advances a second every 10 ms, so a generation takes its estimate / 100. */
  startFake(options?: FakeApimartOptions): Promise<FakeApimart>;
  /** The environment the CLI runs in here (folders, fake, key), with `extra` over it. */
  env(extra?: Record<string, string | undefined>): Record<string, string>;
  /** Starts the built CLI on this fixture's folders and fake; a variable given as undefined is removed. */
  reelbench(args: readonly string[], env?: Record<string, string | undefined>, nodeArgs?: readonly string[]): CliRun;
  /** Kills what still runs, stops the fake and removes the folders. */
  close(): Promise<void>;
}

/** Opens a fixture in a new temporary folder; `defaults` apply to every fake it starts. */
export async function openCliFixture(defaults: FakeApimartOptions = {}): Promise<CliFixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-cli-'));
  const children: ChildProcess[] = [];
  let fake: FakeApimart | undefined;
  let ticker: NodeJS.Timeout | undefined;
  const envWith = (extra: Record<string, string | undefined> = {}): Record<string, string> => {
    const merged: Record<string, string | undefined> = {
      ...process.env,
      REELBENCH_DATA_DIR: path.join(dir, 'data'),
      REELBENCH_LIBRARY_DIR: path.join(dir, 'library'),
      REELBENCH_BASE_URL: fake?.baseUrl ?? 'http://127.0.0.1:9',
      REELBENCH_API_KEY: fake?.apiKey ?? 'sk-none-000000',
      REELBENCH_POLL_MIN_MS: '20',
      ...extra,
    };
    return Object.fromEntries(
      Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
  };
  return {
    dir,
    get fake() {
      return fake;
    },
    async startFake(options = {}) {
      fake = await startFakeApimart({ ...defaults, ...options });
      const running = fake;
      ticker = setInterval(() => running.clock.advance(1_000), 10);
      return fake;
    },
    env: envWith,
    reelbench(args, env = {}, nodeArgs = []) {
      const run = spawnCli(args, envWith(env), nodeArgs);
      children.push(run.child);
      return run;
    },
    async close() {
      for (const child of children.splice(0)) child.kill('SIGKILL');
      clearInterval(ticker);
      await fake?.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
