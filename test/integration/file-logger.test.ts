import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, createRedactor } from '../../electron/services/logging/logger';
import { eventually } from '../support/eventually';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function readWhenWritten(file: string, lines: number): Promise<string> {
  const read = () => readFile(file, 'utf8').catch(() => '');
  await eventually(
    async () => (await read()).split('\n').filter(Boolean).length >= lines,
    `${file} to get ${lines} lines`,
    1_000,
  );
  return read();
}

describe('file logger', () => {
  it('creates its folder, appends JSON lines and never writes a secret', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-log-'));
    const file = path.join(dir, 'logs', 'main.log');
    const secret = 'sk-live-0123456789abcdef';
    const logger = createFileLogger(
      file,
      createRedactor(() => [secret]),
    );
    logger.info('key set', { key: secret });
    logger.error('request failed', { error: new Error(`401 for Bearer ${secret}`) });
    const text = await readWhenWritten(file, 2);
    expect(text).not.toContain(secret);
    // Once in the info line, twice in the error line: its message and the stack that repeats it.
    expect(text.match(/\[redacted\]/g)).toHaveLength(3);
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { level: string }).level),
    ).toEqual(['info', 'error']);
  });
});
