import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const VITEST = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');

describe('an e2e run on a machine without Chromium', () => {
  it('fails once per file, saying what is missing, with no follow-on errors', async () => {
    const missing = path.join(root, 'no-such-chromium');
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [VITEST, 'run', '--project', 'e2e', 'test/e2e/app-frame.test.ts', 'test/e2e/queue.test.ts'],
        {
          cwd: root,
          env: { ...process.env, CHROMIUM_PATH: missing, NO_COLOR: '1', FORCE_COLOR: '0' },
          timeout: 120_000,
        },
        (error, stdout, stderr) =>
          resolve({
            code: error ? Number((error as { code?: unknown }).code ?? 1) : 0,
            output: `${stdout}\n${stderr}`,
          }),
      );
    });
    expect(code).not.toBe(0);
    const reason = `The e2e tests need Chromium at ${missing}, and it is not there.`;
    expect(output.split(reason).length - 1).toBe(2);
    expect(output).toMatch(/Test Files\s+2 failed/);
    expect(output).not.toMatch(/app\.close|Cannot read properties of undefined/);
  }, 130_000);
});
