import { copyFile, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { tempNameFor } from '../../../electron/services/system/atomic-file';
import { SAMPLE_VIDEO, setupLibrary, type LibrarySetup } from '../../support/library-setup';

let setup: LibrarySetup;
afterEach(async () => {
  await setup.close();
});

const titles = () => setup.library.list({ sort: 'title' }).items.map((item) => item.title);
const listing = () => setup.library.list({}).items;

describe('the library folder and its sidecars', () => {
  it('files a generated video with a readable sidecar beside it', async () => {
    setup = await setupLibrary();
    const item = await setup.addGenerated('A red fox walks through fresh snow at dawn, cinematic');
    expect(item).toMatchObject({
      title: 'A red fox walks through fresh snow at',
      model: 'sora-2-preview',
      aspect: 'landscape',
      duration: 4,
      favorite: false,
    });
    const files = (await readdir(setup.root)).sort();
    expect(files).toEqual([
      '2026-11-02 A red fox walks through fresh snow at.mp4',
      '2026-11-02 A red fox walks through fresh snow at.reelbench.json',
    ]);
    const sidecar = JSON.parse(await readFile(path.join(setup.root, files[1] ?? ''), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(sidecar).toMatchObject({
      schema: 'reelbench.video/1',
      id: item.id,
      video: files[0],
      generation: { prompt: 'A red fox walks through fresh snow at dawn, cinematic', taskId: 'task_1', jobId: 'job_1' },
      appVersion: '0.1.0-test',
      user: { title: 'A red fox walks through fresh snow at', favorite: false, tags: [], rating: null, notes: '' },
    });
    expect(await readFile(path.join(setup.root, files[1] ?? ''), 'utf8')).toContain('\n  "schema"'); // indented for people
  });

  it('picks up a video dropped into the folder, writing a sidecar for it', async () => {
    setup = await setupLibrary();
    await copyFile(SAMPLE_VIDEO, path.join(setup.root, 'holiday clip.mp4'));
    const report = await setup.library.reconcile();
    expect(report).toMatchObject({ added: 1, removed: 0, problems: [] });
    expect(listing()).toMatchObject([
      { title: 'holiday clip', prompt: null, model: null, fileName: 'holiday clip.mp4' },
    ]);
    expect((await readdir(setup.root)).sort()).toEqual(['holiday clip.mp4', 'holiday clip.reelbench.json']);
    await expect(setup.library.reconcile()).resolves.toMatchObject({ added: 0, updated: 0, removed: 0 });
  });

  it('drops a deleted video from the catalog', async () => {
    setup = await setupLibrary();
    const item = await setup.addGenerated('to be deleted');
    await setup.addGenerated('to be kept');
    for (const name of await readdir(setup.root))
      if (name.includes('to be deleted')) await rm(path.join(setup.root, name));
    await expect(setup.library.reconcile()).resolves.toMatchObject({ removed: 1 });
    expect(listing().map((entry) => entry.title)).toEqual(['to be kept']);
    expect(() => setup.library.get(item.id)).toThrow('This video is no longer in the library.');
  });

  it('follows a video renamed together with its sidecar, keeping its id and fields', async () => {
    setup = await setupLibrary();
    const item = await setup.addGenerated('rename me');
    await setup.library.update(item.id, { favorite: true, tags: ['keeper'] });
    for (const name of await readdir(setup.root))
      await rename(path.join(setup.root, name), path.join(setup.root, name.replace(/^.* rename me/, 'renamed')));
    await expect(setup.library.reconcile()).resolves.toMatchObject({ updated: 0, added: 1, removed: 1, problems: [] });
    expect(setup.library.get(item.id)).toMatchObject({ fileName: 'renamed.mp4', favorite: true, tags: ['keeper'] });
  });

  it('re-pairs a video renamed without its sidecar (by size)', async () => {
    setup = await setupLibrary();
    const item = await setup.addGenerated('lonely video');
    await setup.library.update(item.id, { notes: 'my notes' });
    const video = (await readdir(setup.root)).find((name) => name.endsWith('.mp4')) ?? '';
    await rename(path.join(setup.root, video), path.join(setup.root, 'new name.mp4'));
    const report = await setup.library.reconcile();
    expect(report.problems).toEqual([]);
    expect(setup.library.get(item.id)).toMatchObject({ fileName: 'new name.mp4', notes: 'my notes' });
    expect((await readdir(setup.root)).sort()).toEqual(['new name.mp4', 'new name.reelbench.json']);
  });

  it('opens when a copied sidecar shares an id and carries a value nested 300,000 deep: that sidecar is set aside', async () => {
    setup = await setupLibrary();
    await setup.addGenerated('original');
    const names = await readdir(setup.root);
    const video = names.find((name) => name.endsWith('.mp4')) ?? '';
    const sidecar = names.find((name) => name.endsWith('.reelbench.json')) ?? '';
    await copyFile(path.join(setup.root, video), path.join(setup.root, 'copy.mp4'));
    const copied = JSON.parse(await readFile(path.join(setup.root, sidecar), 'utf8')) as Record<string, unknown>;
    // 600 KB, under the size cap: a rewrite of the copy's id (JSON.stringify) would overflow the stack.
    const deep = `${'['.repeat(300_000)}${']'.repeat(300_000)}`;
    const text = JSON.stringify({ ...copied, extra: 0 }).replace('"extra":0', `"extra":${deep}`);
    await writeFile(path.join(setup.root, 'copy.reelbench.json'), text);

    const report = await setup.library.reconcile();
    expect(report.problems).toEqual([
      expect.objectContaining({
        path: 'copy.reelbench.json',
        text: { key: 'library.problem.sidecarTooDeep', params: { depth: 64 } },
      }),
    ]);
    expect(titles().sort()).toEqual(['copy', 'original']);
    // And the next open, and a rebuild, work as well.
    await setup.reopen();
    expect(titles().sort()).toEqual(['copy', 'original']);
  });

  it('keeps a damaged sidecar aside untouched and lists its video again, flagged, without failing the rest', async () => {
    setup = await setupLibrary();
    await setup.addGenerated('healthy');
    await setup.addGenerated('damaged');
    const sidecar =
      (await readdir(setup.root)).find((name) => name.includes('damaged') && name.endsWith('.json')) ?? '';
    await writeFile(path.join(setup.root, sidecar), '{"schema": "reelbench.video/1", "id": ');
    const report = await setup.library.reconcile();
    const keptAs = expect.stringMatching(/ damaged\.reelbench\.damaged-\d+\.json$/);
    expect(report.problems).toEqual([
      {
        path: sidecar,
        message: expect.stringMatching(/^This sidecar is not valid JSON .*It was kept, untouched, as ".+"/),
        // The window says it in its own language.
        text: { key: 'library.problem.sidecarNotJson', params: {} },
        moreText: { key: 'library.problem.sidecarSetAside', params: { name: keptAs } },
      },
    ]);
    // A typo in a JSON file does not hide a video.
    expect(titles()).toEqual([sidecar.replace('.reelbench.json', ''), 'healthy']);
    const kept = (await readdir(setup.root)).find((name) => name.includes('.reelbench.damaged-')) ?? '';
    expect(await readFile(path.join(setup.root, kept), 'utf8')).toBe('{"schema": "reelbench.video/1", "id": ');
    // Its card says so (and only its card), in this run and the next, until the kept file is dealt with.
    const flags = () => setup.library.list({ sort: 'title' }).items.map((item) => [item.title, item.sidecarKeptAside]);
    const stem = sidecar.replace('.reelbench.json', '');
    expect(flags()).toEqual([
      [stem, true],
      ['healthy', false],
    ]);
    await setup.library.reconcile();
    expect(flags()).toEqual([
      [stem, true],
      ['healthy', false],
    ]);
    await rm(path.join(setup.root, kept));
    await setup.library.reconcile();
    expect(flags()).toEqual([
      [stem, false],
      ['healthy', false],
    ]);
  });

  it('does not catalogue what only pretends to be a video: empty, random bytes, text named .mp4', async () => {
    setup = await setupLibrary();
    await writeFile(path.join(setup.root, 'empty.mp4'), '');
    await writeFile(path.join(setup.root, 'noise.mp4'), randomBytes(4096));
    await writeFile(path.join(setup.root, 'notes.mp4'), 'not a video, just text');
    await copyFile(SAMPLE_VIDEO, path.join(setup.root, 'real.mp4'));
    const report = await setup.library.reconcile();
    expect(titles()).toEqual(['real']);
    expect(report.problems.map((problem) => problem.path).sort()).toEqual(['empty.mp4', 'noise.mp4', 'notes.mp4']);
    expect(report.problems[0]?.text).toEqual({ key: 'library.problem.notAVideo', params: {} });
    // No sidecar was written for any of them.
    expect((await readdir(setup.root)).filter((name) => name.endsWith('.json'))).toEqual(['real.reelbench.json']);
  });

  it('reports a sidecar whose video is missing', async () => {
    setup = await setupLibrary();
    await setup.addGenerated('ghost');
    const video = (await readdir(setup.root)).find((name) => name.endsWith('.mp4')) ?? '';
    await rm(path.join(setup.root, video));
    const report = await setup.library.reconcile();
    expect(report).toMatchObject({ removed: 1, problems: [{ message: `Its video "${video}" is missing.` }] });
  });

  it('cleans stray temp files from a crash, but not ones a write may still be using', async () => {
    setup = await setupLibrary();
    await setup.addGenerated('clean up after me');
    const stale = path.join(setup.root, 'x.reelbench.json.3141592653');
    const fresh = path.join(setup.root, 'y.reelbench.json.2718281828');
    const copyTemp = path.join(setup.root, '.x.mp4.reelbench-tmp');
    for (const file of [stale, fresh]) await writeFile(file, '{"half": ');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(stale, anHourAgo, anHourAgo);
    await writeFile(copyTemp, 'partial');
    await expect(setup.library.reconcile()).resolves.toMatchObject({ cleaned: 1, problems: [] });
    const left = await readdir(setup.root);
    expect(left).not.toContain(path.basename(stale));
    expect(left).toContain(path.basename(fresh));
    expect(left).toContain(path.basename(copyTemp)); // hidden names are the writer's business
  });

  it("clears a young sidecar temp at once when its writer is gone (a process killed mid-write), never a live writer's", async () => {
    setup = await setupLibrary();
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const orphan = tempNameFor(path.join(setup.root, 'killed.reelbench.json')).replace(`-${process.pid}-`, `-${gone}-`);
    const live = tempNameFor(path.join(setup.root, 'writing.reelbench.json'));
    for (const file of [orphan, live]) await writeFile(file, '{"half": ');
    await expect(setup.library.reconcile()).resolves.toMatchObject({ cleaned: 1 });
    const left = await readdir(setup.root);
    expect(left).not.toContain(path.basename(orphan));
    expect(left).toContain(path.basename(live));
    // A sidecar's own write leaves nothing behind.
    await setup.addGenerated('written whole');
    expect((await readdir(setup.root)).filter((name) => name.endsWith('.reelbench-tmp'))).toEqual([
      path.basename(live),
    ]);
  });

  it('gives a copied video+sidecar pair its own id', async () => {
    setup = await setupLibrary();
    const item = await setup.addGenerated('original');
    for (const name of await readdir(setup.root))
      await copyFile(path.join(setup.root, name), path.join(setup.root, name.replace('original', 'copy')));
    await setup.library.reconcile();
    const ids = listing().map((entry) => entry.id);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(ids).toContain(item.id);
  });

  it('re-reads a sidecar edited by hand', async () => {
    setup = await setupLibrary();
    await setup.addGenerated('before');
    const sidecarName = (await readdir(setup.root)).find((name) => name.endsWith('.json')) ?? '';
    const file = path.join(setup.root, sidecarName);
    const sidecar = JSON.parse(await readFile(file, 'utf8')) as { user: { title: string } };
    sidecar.user.title = 'Edited in a text editor';
    await writeFile(file, JSON.stringify(sidecar, null, 2));
    await expect(setup.library.reconcile()).resolves.toMatchObject({ updated: 1 });
    expect(titles()).toEqual(['Edited in a text editor']);
  });

  it('loses nothing when the catalog is deleted: everything comes back from the sidecars', async () => {
    setup = await setupLibrary();
    const first = await setup.addGenerated('first video');
    await setup.addGenerated('second video');
    await setup.library.update(first.id, {
      favorite: true,
      rating: 5,
      tags: ['best', 'fox'],
      notes: 'keep forever',
      title: 'My favourite',
    });
    const before = setup.library.list({ sort: 'title' });
    setup.library.close();
    for (const name of await readdir(path.dirname(setup.catalogFile)))
      if (name.startsWith('catalog.sqlite')) await rm(path.join(path.dirname(setup.catalogFile), name));
    await setup.reopen();
    expect(setup.library.list({}).total).toBe(0);
    await setup.library.reconcile();
    expect(setup.library.list({ sort: 'title' })).toEqual(before);
  });
});
