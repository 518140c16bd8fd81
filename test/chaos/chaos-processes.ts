import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnCli } from '../support/cli-runner.ts';
import type { AppCommand } from './app-process.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** What a chaos process is: the app's services, a `generate`, or a `jobs resume`. */
export type ChaosRole = 'app' | 'generate' | 'resume';

/** A process the driver started, and can kill or pause. */
export interface ChaosProcess {
  readonly role: ChaosRole;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  /** True from SIGSTOP to SIGCONT. */
  paused: boolean;
  alive(): boolean;
  /** Sends the app a command (false when it is not running or cannot be reached). */
  send(command: AppCommand): boolean;
  /** Its stderr so far (the CLI's messages, the app's crash). */
  stderr(): string;
}

function track(role: ChaosRole, child: ChildProcess, stderr: () => string): ChaosProcess {
  let running = true;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running = false;
      resolve();
    }),
  );
  return {
    role,
    child,
    exited,
    paused: false,
    alive: () => running,
    send(command) {
      if (!running || !child.connected) return false;
      try {
        child.send(command);
        return true;
      } catch {
        return false;
      }
    },
    stderr,
  };
}

/** Starts the app's services as a child process (see app-process.ts); resolves once it has opened everything. */
export async function startApp(env: NodeJS.ProcessEnv): Promise<ChaosProcess> {
  const child = fork(path.join(ROOT, 'test/chaos/app-process.ts'), [], {
    cwd: ROOT,
    env,
    execArgv: ['--import', path.join(ROOT, 'scripts/register-ts.js')],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const app = track('app', child, () => stderr);
  await new Promise<void>((resolve) => {
    child.once('message', () => resolve());
    // Killed before it was ready: the driver sees a dead app and starts another.
    void app.exited.then(resolve);
  });
  return app;
}

/** Starts the built `reelbench` CLI with these arguments. */
export function startCli(
  role: Exclude<ChaosRole, 'app'>,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): ChaosProcess {
  const run = spawnCli(args, env);
  return track(role, run.child, run.stderr);
}

/** The peak resident memory of a live process in bytes (Linux's VmHWM), or null where it cannot be read. */
export function peakRss(pid: number | undefined): number | null {
  if (pid === undefined || process.platform !== 'linux') return null;
  try {
    const found = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return found ? Number(found[1]) * 1024 : null;
  } catch {
    return null;
  }
}
