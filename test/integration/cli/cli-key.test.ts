import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeytar } from '../../../electron/services/keychain/load-keytar';
import { startFakeApimart, type FakeApimart } from '../../fake-apimart/fake-server.ts';
import { requireBuild } from '../../support/build-output';
import { CLI } from '../../support/cli-runner';
import { filesContaining } from '../../support/find-in-tree';
import { keychainGate } from '../../support/keychain-probe';

const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

let dir: string;
let fake: FakeApimart;
beforeAll(async () => {
  requireBuild();
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-cli-key-'));
  fake = await startFakeApimart({ balance: 3.5 });
});
afterAll(async () => {
  // The CLI uses the app's own keychain entry; leave it as we found it (in CI the keyring is a throwaway anyway).
  await (await loadKeytar()).deletePassword('Reelbench', 'apimart').catch(() => false);
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

function reelbench(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    REELBENCH_DATA_DIR: path.join(dir, 'data'),
    REELBENCH_BASE_URL: fake.baseUrl,
  };
  delete env['REELBENCH_API_KEY'];
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe.skipIf(gate.skip)('reelbench key and balance (the built CLI, the real keychain)', () => {
  it('sets the key from standard input, reports only its hint, tests it, and clears it', async () => {
    const key = fake.apiKey;
    await expect(reelbench(['key', 'set'], `${key}\n`)).resolves.toMatchObject({
      code: 0,
      stdout: `Saved. An API key is set (ends in ${key.slice(-4)}), in the system keychain.\n`,
    });
    await expect((await loadKeytar()).getPassword('Reelbench', 'apimart')).resolves.toBe(key);
    await expect(reelbench(['key', 'status', '--json'])).resolves.toMatchObject({
      code: 0,
      stdout: `${JSON.stringify({ ok: true, present: true, hint: key.slice(-4), source: 'keychain' })}\n`,
    });
    await expect(reelbench(['balance'])).resolves.toMatchObject({ code: 0, stdout: 'Balance: $3.50 (used $0.00).\n' });
    expect(await filesContaining(dir, key)).toEqual([]);
    await expect(reelbench(['key', 'clear'])).resolves.toMatchObject({ code: 0 });
    await expect(reelbench(['key', 'status'])).resolves.toMatchObject({
      stdout: 'No API key is set. Run `reelbench key set` and paste it (or set REELBENCH_API_KEY).\n',
    });
    await expect(reelbench(['balance', '--json'])).resolves.toMatchObject({
      code: 1,
      stdout: expect.stringContaining('"code":"noKey"'),
    });
  });

  it('refuses a key given on the command line', async () => {
    const run = await reelbench(['key', 'set', 'sk-on-the-command-line-1234']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('never from the command line');
    await expect((await loadKeytar()).getPassword('Reelbench', 'apimart')).resolves.toBeNull();
  });

  it('refuses a malformed key with a clear message', async () => {
    await expect(reelbench(['key', 'set'], 'sk with spaces\n')).resolves.toMatchObject({
      code: 1,
      stderr: 'reelbench: An API key has no spaces or line breaks inside; check what was pasted.\n',
    });
  });
});
