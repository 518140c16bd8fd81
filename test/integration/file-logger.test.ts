import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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

  it('sets a full log aside, keeping a few older ones, and loses no line among the files it keeps', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-log-'));
    const file = path.join(dir, 'cli.log');
    // A log left large by an earlier run is set aside before it grows further.
    await writeFile(file, `${JSON.stringify({ message: 'earlier run' })}\n`.repeat(40));
    const logger = createFileLogger(
      file,
      createRedactor(() => []),
      { rotation: { maxBytes: 2_000, keep: 2 } },
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (let index = 0; index < 100; index += 1) logger.info('line', { index });
    await eventually(
      async () => (await readFile(file, 'utf8').catch(() => '')).includes('"index":99'),
      'the last line to be written',
      2_000,
    );
    const names = (await readdir(dir)).sort();
    expect(names).toEqual(['cli.1.log', 'cli.2.log', 'cli.log']);
    const indexes: number[] = [];
    for (const name of ['cli.2.log', 'cli.1.log', 'cli.log']) {
      const text = await readFile(path.join(dir, name), 'utf8');
      expect(Buffer.byteLength(text), name).toBeLessThanOrEqual(2_000);
      for (const line of text.split('\n').filter(Boolean)) indexes.push((JSON.parse(line) as { index: number }).index);
    }
    expect(indexes.at(-1)).toBe(99);
    expect(indexes).toEqual(Array.from({ length: indexes.length }, (_, at) => 100 - indexes.length + at));
    expect(indexes.length).toBeGreaterThan(20);
  });
});
