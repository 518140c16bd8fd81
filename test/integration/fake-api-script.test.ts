import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
let server: ChildProcess | null = null;
afterEach(async () => {
  // npm, its shell and node run as one process group: Ctrl+C reaches all of it, and the fake removes its build
  // folder as it exits (the run's temp check then finds nothing left behind).
  const running = server;
  server = null;
  if (!running?.pid || running.exitCode !== null) return;
  const exited = new Promise((resolve) => running.once('exit', resolve));
  process.kill(-running.pid, 'SIGINT');
  const late = setTimeout(() => running.pid && process.kill(-running.pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(late);
});

describe('npm run fake-api', () => {
  it('starts on a Node that does not strip TypeScript types, and answers as APIMart does', async () => {
    server = spawn('npm', ['run', '-s', 'fake-api', '--', '--port', '0'], {
      cwd: root,
      detached: true,
      // What a Node before type stripping does with a .ts file: refuses it.
      env: { ...process.env, NODE_OPTIONS: '--no-experimental-strip-types' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const [url, key] = await new Promise<[string, string]>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const found = /listening on (http:\/\/\S+)\nAPI key: (\S+)\n/.exec(output);
        if (found?.[1] && found[2]) resolve([found[1], found[2]]);
      };
      server?.stdout?.on('data', read);
      server?.stderr?.on('data', read);
      server?.on('exit', (code) => reject(new Error(`fake-api exited with ${code}: ${output}`)));
    });
    const balance = await fetch(`${url}/v1/balance`, { headers: { authorization: `Bearer ${key}` } });
    expect(balance.status).toBe(200);
    expect(await balance.json()).toMatchObject({ success: true });
  }, 60_000);
});
