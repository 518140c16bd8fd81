import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detachFile } from '../../../electron/services/jobs/job-steps';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-detach-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a file taken over from another process', () => {
  it('is this process’s own afterwards: a paused writer that wakes up writes into the old file, not into it', async () => {
    const file = path.join(dir, 'job.mp4');
    await writeFile(file, 'downloaded video bytes');
    // The other process, paused with the file open (it was appending a movie box when it stopped).
    const paused = await open(file, 'r+');
    try {
      await detachFile(file);
      await paused.write(Buffer.from('STALE APPEND'), 0, 12, 22);
      await paused.write(Buffer.from('free'), 0, 4, 0);
    } finally {
      await paused.close();
    }
    expect(await readFile(file, 'utf8')).toBe('downloaded video bytes');
    // An empty or missing file is left as it is.
    await detachFile(path.join(dir, 'missing.mp4'));
    await expect(readFile(path.join(dir, 'missing.mp4'))).rejects.toThrow();
  });
});
