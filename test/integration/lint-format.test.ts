import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const run = async (command: string, args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, { cwd: root, timeout: 120_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
};

describe('npm run lint', () => {
  it('fails on a file Prettier would format differently, and passes once it is formatted', async () => {
    // A real file in the tree (removed afterwards), so the project's own config and ignore file decide.
    const probe = path.join(root, 'shared', `lint-probe-${randomBytes(4).toString('hex')}.ts`);
    await writeFile(probe, 'export const probe = {a:1,\n    b : "two"}\n');
    try {
      const failing = await run('npm', ['run', 'lint']);
      expect(failing.code).not.toBe(0);
      expect(failing.output).toContain(path.basename(probe));
      await run('npx', ['prettier', '--write', probe]);
      const formatted = await run('npx', ['prettier', '--check', probe]);
      expect(formatted.code, formatted.output).toBe(0);
    } finally {
      await rm(probe, { force: true });
    }
  }, 150_000);
});
