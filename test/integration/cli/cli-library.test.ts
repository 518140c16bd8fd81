import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireBuild } from '../../support/build-output';
import { runCli } from '../../support/cli-runner';
import { SAMPLE_VIDEO } from '../../support/library-setup';

let dir: string;
let libraryDir: string;
beforeAll(requireBuild);
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-cli-library-'));
  libraryDir = path.join(dir, 'My Videos');
  await mkdir(path.join(dir, 'data'), { recursive: true });
  await mkdir(libraryDir, { recursive: true });
  await writeFile(path.join(dir, 'data', 'settings.json'), JSON.stringify({ libraryDir }));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const reelbench = (...args: string[]) => runCli(path.join(dir, 'data'), ...args);

describe('reelbench library (the built CLI)', () => {
  it('lists the library from settings, searches it, and filters favourites', async () => {
    await copyFile(SAMPLE_VIDEO, path.join(libraryDir, 'sunset over the bay.mp4'));
    await copyFile(SAMPLE_VIDEO, path.join(libraryDir, 'city at night.mp4'));
    const list = await reelbench('library', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('sunset over the bay  (');
    expect(list.stdout).toContain(path.join(libraryDir, 'city at night.mp4'));

    const search = await reelbench('library', 'list', '--search', 'sunset', '--json');
    const answer = JSON.parse(search.stdout) as { total: number; items: { title: string; path: string }[] };
    expect(answer).toMatchObject({
      ok: true,
      total: 1,
      items: [{ title: 'sunset over the bay', path: path.join(libraryDir, 'sunset over the bay.mp4') }],
    });

    await expect(reelbench('library', 'list', '--favorites')).resolves.toMatchObject({
      code: 0,
      stdout: 'No videos match.\n',
    });
  });

  it('rebuilds the catalog from the sidecars, reporting damaged ones', async () => {
    await copyFile(SAMPLE_VIDEO, path.join(libraryDir, 'good.mp4'));
    await copyFile(SAMPLE_VIDEO, path.join(libraryDir, 'bad.mp4'));
    await reelbench('library', 'list'); // writes the sidecars
    await writeFile(path.join(libraryDir, 'bad.reelbench.json'), '{ broken');
    const rebuilt = await reelbench('library', 'rebuild');
    expect(rebuilt.code).toBe(0);
    // `list` already kept the damaged sidecar aside and listed its video again; the rebuild still flags it.
    expect(rebuilt.stdout).toMatch(
      /: 2 videos\.\n {2}! bad\.reelbench\.damaged-\d+\.json: A damaged sidecar Reelbench kept aside/,
    );
    const names = (await readdir(libraryDir)).sort();
    const kept = names.find((name) => name.startsWith('bad.reelbench.damaged-')) ?? '';
    expect(await readFile(path.join(libraryDir, kept), 'utf8')).toBe('{ broken');
    expect(names).toEqual(['bad.mp4', kept, 'bad.reelbench.json', 'good.mp4', 'good.reelbench.json']);
  });

  it('explains its usage', async () => {
    await expect(reelbench('library')).resolves.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('library takes "list", "rebuild" or "meta".'),
    });
  });
});
