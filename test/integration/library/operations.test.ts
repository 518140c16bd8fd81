import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOLD_DIR } from '../../../electron/services/library/removal-hold';
import { eventually } from '../../support/eventually';
import { SAMPLE_VIDEO, setupLibrary, type LibrarySetup } from '../../support/library-setup';

let setup: LibrarySetup;
afterEach(async () => {
  await setup.close();
});

describe('library operations', () => {
  it('sorts, filters and pages', async () => {
    setup = await setupLibrary();
    await setup.addGenerated('banana boat', {
      createdAt: new Date('2026-01-10T10:00:00Z'),
      duration: 8,
      model: 'sora-2-pro-preview',
    });
    await setup.addGenerated('apple orchard', {
      createdAt: new Date('2026-03-10T10:00:00Z'),
      duration: 4,
      aspect: 'portrait',
    });
    const cherry = await setup.addGenerated('cherry blossom', {
      createdAt: new Date('2026-02-10T10:00:00Z'),
      duration: 12,
    });
    await setup.library.update(cherry.id, { favorite: true, tags: ['Spring', 'flowers'] });
    const titles = (query: Parameters<typeof setup.library.list>[0]) =>
      setup.library.list(query).items.map((item) => item.title);

    expect(titles({ sort: 'newest' })).toEqual(['apple orchard', 'cherry blossom', 'banana boat']);
    expect(titles({ sort: 'oldest' })).toEqual(['banana boat', 'cherry blossom', 'apple orchard']);
    expect(titles({ sort: 'duration' })).toEqual(['cherry blossom', 'banana boat', 'apple orchard']);
    expect(titles({ sort: 'title' })).toEqual(['apple orchard', 'banana boat', 'cherry blossom']);
    expect(titles({ model: 'sora-2-pro-preview' })).toEqual(['banana boat']);
    expect(titles({ aspect: 'portrait' })).toEqual(['apple orchard']);
    expect(titles({ favorites: true })).toEqual(['cherry blossom']);
    expect(titles({ tag: 'spring' })).toEqual(['cherry blossom']);
    expect(titles({ from: '2026-02-01T00:00:00Z', to: '2026-02-28T23:59:59Z' })).toEqual(['cherry blossom']);
    expect(setup.library.list({ sort: 'title', offset: 1, limit: 1 })).toMatchObject({
      total: 3,
      items: [{ title: 'banana boat' }],
    });
  });

  it('ranks search results: title over prompt over notes', async () => {
    setup = await setupLibrary();
    const inNotes = await setup.addGenerated('a quiet street at night', { title: 'street' });
    await setup.library.update(inNotes.id, { notes: 'the fox cameo is great' });
    await setup.addGenerated('a fox runs across a quiet field', { title: 'field' });
    await setup.addGenerated('city lights', { title: 'Fox in the city' });
    await setup.addGenerated('no match here', { title: 'unrelated' });
    const search = (text: string) =>
      setup.library.list({ search: text, sort: 'relevance' }).items.map((item) => item.title);
    expect(search('fox')).toEqual(['Fox in the city', 'field', 'street']);
    expect(search('qui')).toEqual(['field', 'street']); // prefixes match
    expect(search('fox quiet')).toEqual(['field', 'street']); // every word must match
    // FTS5 syntax typed by accident is neutralized rather than failing the query.
    for (const typed of ['"fox', 'fox*', 'fox:', '(fox', 'fox"'])
      expect(search(typed), typed).toEqual(['Fox in the city', 'field', 'street']);
    expect(search('   ')).toHaveLength(4);
  });

  it('finds Korean text and tags', async () => {
    setup = await setupLibrary();
    const item = await setup.addGenerated('눈 내리는 밤 고양이가 창밖을 본다');
    await setup.library.update(item.id, { tags: ['겨울'] });
    expect(setup.library.list({ search: '고양이' }).total).toBe(1);
    expect(setup.library.list({ search: '겨울' }).total).toBe(1);
  });

  it('finds words written with combining marks: Devanagari, Thai, and an accent typed as its own character', async () => {
    setup = await setupLibrary();
    await setup.addGenerated('हिन्दी फ़िल्म का दृश्य');
    await setup.addGenerated('ภาพยนตร์ไทย ตอนกลางคืน');
    await setup.addGenerated('un cafe\u0301 au coin de la rue');
    expect(setup.library.list({ search: 'हिन्दी' }).total).toBe(1);
    expect(setup.library.list({ search: 'दृश्य' }).total).toBe(1);
    expect(setup.library.list({ search: 'ภาพยนตร์' }).total).toBe(1);
    expect(setup.library.list({ search: 'café' }).total).toBe(1);
  });

  it('edits user fields in the sidecar, normalizing tags', async () => {
    setup = await setupLibrary();
    const item = await setup.addGenerated('edit me');
    const updated = await setup.library.update(item.id, {
      title: '  Better title ',
      favorite: true,
      rating: 4,
      tags: [' fox ', 'Fox', '', 'snow'],
      notes: 'n',
    });
    expect(updated).toMatchObject({
      title: 'Better title',
      favorite: true,
      rating: 4,
      tags: ['fox', 'snow'],
      notes: 'n',
    });
    const sidecarName = (await readdir(setup.root)).find((name) => name.endsWith('.json')) ?? '';
    const sidecar = JSON.parse(await readFile(path.join(setup.root, sidecarName), 'utf8')) as { user: unknown };
    expect(sidecar.user).toEqual({
      title: 'Better title',
      favorite: true,
      tags: ['fox', 'snow'],
      rating: 4,
      notes: 'n',
    });
    await expect(
      setup.library.update('00000000-0000-4000-8000-000000000000', { favorite: true }),
    ).rejects.toMatchObject({ code: 'notFound' });
  });

  it('rewrites a sidecar by replacing it whole (a new file renamed over it), never in place', async () => {
    setup = await setupLibrary();
    const item = await setup.addGenerated('atomic');
    const sidecarName = (await readdir(setup.root)).find((name) => name.endsWith('.reelbench.json')) ?? '';
    const before = await stat(path.join(setup.root, sidecarName));
    await setup.library.update(item.id, { rating: 5 });
    // An in-place write keeps the inode (and leaves a torn file if it is cut short); a rename brings a new one.
    const after = await stat(path.join(setup.root, sidecarName));
    expect(after.ino).not.toBe(before.ino);
    expect(await readdir(setup.root)).not.toContainEqual(expect.stringMatching(/\.tmp|~$/));
  });

  it('keeps the reference image beside the video and offers the settings for reuse', async () => {
    setup = await setupLibrary();
    const reference = path.join(setup.dir, 'prepared.jpg');
    await sharp({ create: { width: 1280, height: 720, channels: 3, background: '#335577' } })
      .jpeg()
      .toFile(reference);
    const download = path.join(setup.dir, 'dl.mp4');
    await copyFile(SAMPLE_VIDEO, download);
    const item = await setup.library.addVideo({
      videoFile: download,
      generation: {
        prompt: 'from an image',
        model: 'sora-2-pro-preview',
        duration: 8,
        aspect: 'portrait',
        resolution: 'high',
        taskId: 't',
        jobId: 'j',
        draftId: 'd1',
        draftVersionId: 'v3',
      },
      referenceImage: reference,
      createdAt: new Date('2026-11-24T08:00:00Z'),
      completedAt: new Date('2026-11-24T08:01:00Z'),
    });
    expect(item.referenceUrl).toBe(`app://reelbench/media/reference/${item.id}`);
    expect((await readdir(setup.root)).sort()).toEqual([
      '2026-11-24 from an image.mp4',
      '2026-11-24 from an image.reelbench.json',
      '2026-11-24 from an image.ref.jpg',
    ]);
    expect(await setup.library.mediaFile('reference', item.id)).toBe(
      path.join(setup.root, '2026-11-24 from an image.ref.jpg'),
    );
    expect(existsIn(await readdir(setup.dir), 'dl.mp4')).toBe(false); // moved, not copied
    // A sidecar written with Sora's fields reads back as the model's params.
    await expect(setup.library.reuse(item.id)).resolves.toEqual({
      prompt: 'from an image',
      model: 'sora-2-pro-preview',
      params: { duration: 8, aspect_ratio: 'portrait', resolution: 'high' },
      referenceUrl: `app://reelbench/media/reference/${item.id}`,
      draftId: 'd1',
      draftVersionId: 'v3',
    });
  });

  it('exports videos with their sidecars and reference images, and imports them elsewhere', async () => {
    setup = await setupLibrary();
    const keep = await setup.addGenerated('export me');
    await setup.library.update(keep.id, { tags: ['exported'], rating: 5 });
    await setup.addGenerated('leave me');
    const destination = path.join(setup.dir, 'usb stick');
    await expect(setup.library.exportItems([keep.id], destination)).resolves.toEqual({ exported: 1 });
    expect((await readdir(destination)).sort()).toEqual([
      '2026-11-02 export me.mp4',
      '2026-11-02 export me.reelbench.json',
    ]);

    // Importing into the same library skips what is already there; into another library it carries everything.
    await expect(setup.library.importFolder(destination)).resolves.toMatchObject({
      imported: 0,
      skipped: [{ reason: 'It is already in the library.' }],
    });
    const other = await setupLibrary();
    try {
      const report = await other.library.importFolder(destination);
      expect(report).toEqual({ imported: 1, skipped: [] });
      expect(other.library.list({}).items).toMatchObject([
        { id: keep.id, title: 'export me', tags: ['exported'], rating: 5, prompt: 'export me' },
      ]);
    } finally {
      await other.close();
    }
  });

  it('imports bare .mp4 files, reporting what it skipped', async () => {
    setup = await setupLibrary();
    const folder = path.join(setup.dir, 'camera roll');
    await mkdir(path.join(folder, 'nested'), { recursive: true });
    await copyFile(SAMPLE_VIDEO, path.join(folder, 'one.mp4'));
    await copyFile(SAMPLE_VIDEO, path.join(folder, 'nested', 'two.MP4'));
    await copyFile(SAMPLE_VIDEO, path.join(folder, 'three.mp4'));
    await writeFile(path.join(folder, 'three.reelbench.json'), 'garbage');
    await writeFile(path.join(folder, 'notes.txt'), 'not a video');
    const report = await setup.library.importFolder(folder);
    expect(report.imported).toBe(2);
    expect(report.skipped).toEqual([
      { file: path.join(folder, 'three.mp4'), reason: 'This sidecar is not valid JSON (damaged or edited by hand?).' },
    ]);
    const imported = setup.library.list({ sort: 'title' }).items;
    expect(imported.map((item) => item.title)).toEqual(['one', 'two']);
    await expect(setup.library.reuse(imported[0]?.id ?? '')).rejects.toThrow(
      'This video was not made by Reelbench, so there are no settings to reuse.',
    );
  });

  it('takes a removed video out at once and moves it to the trash, sidecar and all, when the undo window ends', async () => {
    setup = await setupLibrary({ removalUndoMs: 150 });
    const gone = await setup.addGenerated('bin me');
    await setup.addGenerated('keep me');
    await expect(setup.library.remove([gone.id])).resolves.toEqual({ removed: 1 });
    expect(setup.library.list({}).items.map((item) => item.title)).toEqual(['keep me']);
    expect(existsSync(path.join(setup.root, '2026-11-02 bin me.mp4'))).toBe(false);
    expect(await readdir(setup.trashDir)).toEqual([]); // not yet: it can still be brought back
    await vi.waitFor(async () => expect((await readdir(setup.trashDir)).length).toBe(2), { timeout: 5_000 });
    expect((await readdir(setup.trashDir)).map((name) => name.replace(/^\d+-/, '')).sort()).toEqual([
      '2026-11-02 bin me.mp4',
      '2026-11-02 bin me.reelbench.json',
    ]);
    await expect(setup.library.undoRemove([gone.id])).rejects.toMatchObject({
      code: 'notFound',
      message: 'This video has already gone to the trash.',
    });
  });

  it('keeps a removed video held, never deleted, when the OS trash refuses it, and tries again at the next start', async () => {
    let trashWorks = false;
    let refusals = 0;
    setup = await setupLibrary({
      removalUndoMs: 50,
      trash: async (file) => {
        if (!trashWorks) {
          refusals += 1;
          throw new Error('no trash on this system');
        }
        await rename(file, path.join(setup.trashDir, path.basename(file)));
      },
    });
    const item = await setup.addGenerated('nowhere to go');
    await setup.library.remove([item.id]);
    await eventually(() => refusals > 0, 'the undo window to pass and the trash to refuse');
    const held = await readdir(path.join(setup.root, HOLD_DIR, item.id), { recursive: true });
    expect(held.filter((name) => name.endsWith('.mp4') || name.endsWith('.json')).sort()).toEqual([
      '0/2026-11-02 nowhere to go.mp4',
      '1/2026-11-02 nowhere to go.reelbench.json',
      'manifest.json',
    ]);
    trashWorks = true;
    await setup.reopen();
    await vi.waitFor(
      async () =>
        expect((await readdir(setup.trashDir)).sort()).toEqual([
          '2026-11-02 nowhere to go.mp4',
          '2026-11-02 nowhere to go.reelbench.json',
        ]),
      { timeout: 5_000 },
    );
  });

  it('refuses to bring a video back over a file that has taken its place, moving nothing', async () => {
    setup = await setupLibrary({ removalUndoMs: 60_000 });
    const item = await setup.addGenerated('taken place');
    await setup.library.remove([item.id]);
    const newcomer = path.join(setup.root, '2026-11-02 taken place.mp4');
    await writeFile(newcomer, 'a different video');
    await expect(setup.library.undoRemove([item.id])).rejects.toMatchObject({
      code: 'invalidInput',
      message: '“2026-11-02 taken place.mp4” now stands where the removed video was, so it cannot come back.',
    });
    expect(await readFile(newcomer, 'utf8')).toBe('a different video');
    await rm(newcomer);
    await expect(setup.library.undoRemove([item.id])).resolves.toEqual({ restored: 1 });
  });

  it('brings a removed video back, as it was, while the undo window lasts', async () => {
    setup = await setupLibrary({ removalUndoMs: 60_000 });
    const item = await setup.addGenerated('second thoughts');
    await setup.library.update(item.id, { favorite: true, notes: 'keep this one' });
    await setup.library.remove([item.id]);
    expect(setup.library.list({}).total).toBe(0);
    await expect(setup.library.undoRemove([item.id])).resolves.toEqual({ restored: 1 });
    expect(setup.library.get(item.id)).toMatchObject({
      id: item.id,
      title: item.title,
      favorite: true,
      notes: 'keep this one',
    });
    expect(existsSync((await setup.library.mediaFile('video', item.id)) ?? '')).toBe(true);
    expect(await readdir(setup.trashDir)).toEqual([]);
    expect(await readdir(path.join(setup.root, HOLD_DIR))).toEqual([]);
  });

  it('sends to the trash what a quit left inside the undo window, at the next start, once that window is over', async () => {
    setup = await setupLibrary({ removalUndoMs: 1_500 });
    const item = await setup.addGenerated('quit right after');
    await setup.library.remove([item.id]);
    await setup.reopen();
    // Still inside its window (another process may still show its Undo): not yet.
    expect(await readdir(setup.trashDir)).toEqual([]);
    await vi.waitFor(async () => expect((await readdir(setup.trashDir)).length).toBe(2), { timeout: 5_000 });
    await setup.library.reconcile();
    expect(setup.library.list({}).total).toBe(0);
  });

  it('stores posters captured by the window, and lists items still missing one', async () => {
    setup = await setupLibrary();
    const item = await setup.addGenerated('poster please');
    expect(setup.library.postersMissing(10)).toEqual([
      { id: item.id, videoUrl: `app://reelbench/media/video/${item.id}` },
    ]);
    const frame = await sharp({ create: { width: 1280, height: 720, channels: 3, background: '#aa3300' } })
      .png()
      .toBuffer();
    await setup.library.savePoster(item.id, frame);
    expect(setup.library.postersMissing(10)).toEqual([]);
    expect(setup.library.get(item.id).posterUrl).toBe(`app://reelbench/media/poster/${item.id}`);
    const poster = (await setup.library.mediaFile('poster', item.id)) ?? '';
    expect(await sharp(poster).metadata()).toMatchObject({ format: 'webp', width: 640, height: 360 });
    await expect(setup.library.savePoster(item.id, Buffer.from('not an image'))).rejects.toMatchObject({
      code: 'invalidInput',
    });
  });
});

function existsIn(names: string[], name: string): boolean {
  return names.includes(name);
}
