import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clearAbandonedTemps,
  tempNameFor,
  tempWriter,
  writeFileAtomically,
} from '../../../electron/services/system/atomic-file';
import { filesWrittenWhole, resolveAppPaths } from '../../../electron/services/app-paths';
import { openCliFixture, type CliFixture } from '../../support/cli-fixture';

let dir: string;
let cli: CliFixture | null = null;
afterEach(async () => {
  await cli?.close();
  cli = null;
  await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has ended: what a write killed mid-way leaves in its temporary file's name. */
const endedPid = (): number => spawnSync(process.execPath, ['-e', '']).pid ?? 0;
const asWrittenBy = (temp: string, pid: number) => temp.replace(`-${process.pid}-`, `-${pid}-`);
const minutesAgo = async (file: string, minutes: number) => {
  const then = new Date(Date.now() - minutes * 60_000);
  await utimes(file, then, then);
};

describe('atomic writes', () => {
  it('replaces a file whole, leaves no temporary file, and keeps the last of concurrent writes', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-atomic-'));
    const file = path.join(dir, 'settings.json');
    await writeFile(file, 'old');
    await Promise.all(Array.from({ length: 25 }, (_, index) => writeFileAtomically(file, `write ${index}`)));
    expect(await readFile(file, 'utf8')).toBe('write 24');
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('keeps the old contents and clears its temporary file when the write fails', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-atomic-'));
    const file = path.join(dir, 'taken');
    // Renaming a file over a folder fails after the temporary file was written.
    await mkdir(file);
    await writeFile(path.join(file, 'inside'), 'kept');
    await expect(writeFileAtomically(file, 'new')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['taken']);
    expect(await readFile(path.join(file, 'inside'), 'utf8')).toBe('kept');
  });

  it('names its writer in the temporary file', () => {
    const temp = tempNameFor('/data/settings.json');
    expect(temp.startsWith('/data/settings.json.')).toBe(true);
    expect(tempWriter(path.basename(temp))).toMatchObject({ pid: process.pid });
    expect(tempWriter('settings.json.3141592653')).toBeNull();
  });
});

describe('temporary files a killed writer left', () => {
  it("clears a gone writer's at once, a live writer's only after the grace, and old-style ones after the grace", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-atomic-'));
    const settings = path.join(dir, 'settings.json');
    const other = path.join(dir, 'cache', 'uploads.json');
    await mkdir(path.dirname(other));
    const orphan = asWrittenBy(tempNameFor(settings), endedPid());
    const live = tempNameFor(settings);
    const stale = tempNameFor(other);
    const oldStyle = `${settings}.3141592653`;
    const youngOldStyle = `${other}.2718281828`;
    const notOurs = path.join(dir, 'notes.json.12345');
    const unrelatedTemp = asWrittenBy(tempNameFor(path.join(dir, 'someone-elses.json')), endedPid());
    for (const file of [orphan, live, stale, oldStyle, youngOldStyle, notOurs, unrelatedTemp])
      await writeFile(file, '{"half": ');
    await minutesAgo(stale, 2);
    await minutesAgo(oldStyle, 2);
    await minutesAgo(notOurs, 2);

    await expect(clearAbandonedTemps([settings, other], { now: Date.now() })).resolves.toBe(3);
    const left = [...(await readdir(dir)), ...(await readdir(path.dirname(other))).map((name) => `cache/${name}`)];
    expect(left.sort()).toEqual(
      [
        'cache',
        path.basename(live),
        path.basename(notOurs),
        path.basename(unrelatedTemp),
        `cache/${path.basename(youngOldStyle)}`,
      ].sort(),
    );
    // A folder that does not exist yet (a first run) is nothing to clear.
    await expect(clearAbandonedTemps([path.join(dir, 'none', 'x.json')], { now: Date.now() })).resolves.toBe(0);
  });

  it('are cleared when the CLI starts, so a power cut leaves nothing behind once Reelbench runs again', async () => {
    cli = await openCliFixture();
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-atomic-'));
    const paths = resolveAppPaths(path.join(cli.dir, 'data'));
    const pid = endedPid();
    const orphans = filesWrittenWhole(paths).map((file) => asWrittenBy(tempNameFor(file), pid));
    for (const orphan of orphans) {
      await mkdir(path.dirname(orphan), { recursive: true });
      await writeFile(orphan, '{"half": ');
    }
    const status = await cli.reelbench(['key', 'status']).done;
    expect(status.code, status.stderr).toBe(0);
    const remaining = [];
    for (const orphan of orphans)
      if ((await readdir(path.dirname(orphan))).includes(path.basename(orphan))) remaining.push(orphan);
    expect(remaining).toEqual([]);
  });
});
