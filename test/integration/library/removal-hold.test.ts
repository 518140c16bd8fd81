import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRemovalHold, HOLD_DIR } from '../../../electron/services/library/removal-hold';
import { AppError } from '../../../shared/errors';

// The hold, driven directly: what it moves, trashes and refuses, on real files, with the trash recorded.
let dir: string;
let root: string;
let outside: string;
let trashed: string[];
const hold = () => createRemovalHold(root, async (file) => void trashed.push(file));
const itemDir = (id: string) => path.join(root, HOLD_DIR, id);

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-hold-'));
  root = path.join(dir, 'library');
  outside = path.join(dir, 'Documents');
  trashed = [];
  await mkdir(path.join(root, 'videos'), { recursive: true });
  await mkdir(outside);
  await writeFile(path.join(root, 'videos', 'clip.mp4'), 'video');
  await writeFile(path.join(root, 'videos', 'clip.reelbench.json'), '{}');
  await writeFile(path.join(outside, 'thesis.docx'), 'thesis');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function plant(id: string, manifest: unknown, files: readonly string[] = []): Promise<void> {
  await mkdir(itemDir(id), { recursive: true });
  await writeFile(path.join(itemDir(id), 'manifest.json'), JSON.stringify(manifest));
  for (const file of files) {
    await mkdir(path.dirname(path.join(itemDir(id), file)), { recursive: true });
    await writeFile(path.join(itemDir(id), file), 'held');
  }
}

describe('removal hold', () => {
  it('holds an item, says how long, and puts it back where it was', async () => {
    const id = randomUUID();
    const before = Date.now();
    await hold().hold(id, ['videos/clip.mp4', 'videos/clip.reelbench.json']);
    expect(existsSync(path.join(root, 'videos', 'clip.mp4'))).toBe(false);
    expect(await readdir(itemDir(id))).toEqual(expect.arrayContaining(['0', '1', 'manifest.json']));
    expect(await hold().heldIds()).toEqual([id]);
    const held = await hold().heldFor(id, before + 60_000);
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(60_000);
    expect(await hold().heldFor(id, 0)).toBe(0);

    expect(await hold().restore(id)).toEqual([
      path.join(root, 'videos', 'clip.mp4'),
      path.join(root, 'videos', 'clip.reelbench.json'),
    ]);
    expect(await readFile(path.join(root, 'videos', 'clip.mp4'), 'utf8')).toBe('video');
    expect(existsSync(itemDir(id))).toBe(false);
    expect(await hold().heldIds()).toEqual([]);
    expect(await hold().restore(id)).toBeNull();
  });

  it('finishes a hold that an earlier, interrupted try began', async () => {
    const id = randomUUID();
    await mkdir(path.join(itemDir(id), '0'), { recursive: true });
    await hold().hold(id, ['videos/clip.mp4']);
    expect(await readFile(path.join(itemDir(id), '0', 'clip.mp4'), 'utf8')).toBe('video');
  });

  it('moves only the library’s own plain files, and only into a real hold folder', async () => {
    await symlink(path.join(outside, 'thesis.docx'), path.join(root, 'videos', 'thesis.ref.jpg'));
    const id = randomUUID();
    await hold().hold(id, ['videos/thesis.ref.jpg', '../Documents/thesis.docx', 'videos/gone.mp4']);
    expect((await lstat(path.join(root, 'videos', 'thesis.ref.jpg'))).isSymbolicLink()).toBe(true);
    expect(await readFile(path.join(outside, 'thesis.docx'), 'utf8')).toBe('thesis');
    expect(await readdir(itemDir(id))).toEqual(['manifest.json']);

    // A planted `0 → ~/Documents` in the item's hold folder does not receive the library's file.
    const planted = randomUUID();
    await mkdir(itemDir(planted), { recursive: true });
    await symlink(outside, path.join(itemDir(planted), '0'));
    await hold().hold(planted, ['videos/clip.mp4']);
    expect(existsSync(path.join(root, 'videos', 'clip.mp4'))).toBe(true);
    expect(await readdir(outside)).toEqual(['thesis.docx']);
  });

  it('sends held files to the trash, skipping what is gone, links and anything outside the item’s hold folder', async () => {
    const id = randomUUID();
    await plant(
      id,
      {
        files: [
          { original: 'videos/a.mp4', held: '0/a.mp4' },
          { original: 'videos/b.mp4', held: '1/b.mp4' },
          { original: 'videos/c.mp4', held: '2/thesis.docx' },
        ],
        heldAt: 1,
      },
      ['0/a.mp4'],
    );
    await symlink(outside, path.join(itemDir(id), '2'));
    expect(await hold().release(id)).toBe(true);
    expect(trashed).toEqual([path.join(itemDir(id), '0', 'a.mp4')]);
    expect(existsSync(itemDir(id))).toBe(false);
    expect(await readFile(path.join(outside, 'thesis.docx'), 'utf8')).toBe('thesis');
    expect(await hold().release(id)).toBe(false);
    expect(await hold().release(randomUUID())).toBe(false);
  });

  it('trusts no manifest that names a place outside the item’s folder, is too large, or is not one', async () => {
    const escaping = randomUUID();
    await plant(
      escaping,
      {
        files: [
          { original: 'videos/a.mp4', held: '0/a.mp4' },
          { original: 'videos/b.mp4', held: '../../../Documents/thesis.docx' },
        ],
        heldAt: 1,
      },
      ['0/a.mp4'],
    );
    const garbled = randomUUID();
    await mkdir(itemDir(garbled), { recursive: true });
    await writeFile(path.join(itemDir(garbled), 'manifest.json'), '{"files": [');
    for (const id of [escaping, garbled, randomUUID()]) {
      expect(await hold().heldFor(id, Date.now()), id).toBeNull();
      expect(await hold().restore(id), id).toBeNull();
      expect(await hold().release(id), id).toBe(false);
    }
    expect(trashed).toEqual([]);
    expect(existsSync(path.join(itemDir(escaping), '0', 'a.mp4'))).toBe(true);
  });

  it('reads a manifest up to 256 KB and none larger', async () => {
    const manifest = JSON.stringify({ files: [{ original: 'videos/a.mp4', held: '0/a.mp4' }], heldAt: 5 });
    const limit = 256 * 1024;
    const atLimit = randomUUID();
    const overLimit = randomUUID();
    for (const [id, size] of [
      [atLimit, limit],
      [overLimit, limit + 1],
    ] as const) {
      await mkdir(itemDir(id), { recursive: true });
      await writeFile(path.join(itemDir(id), 'manifest.json'), manifest.padEnd(size, ' '));
    }
    expect(await hold().heldFor(atLimit, 10)).toBe(5);
    expect(await hold().heldFor(overLimit, 10)).toBeNull();
  });

  it('dates a manifest without a removal time by its file', async () => {
    const id = randomUUID();
    await plant(id, { files: [] });
    const when = new Date(Date.UTC(2026, 0, 1));
    await utimes(path.join(itemDir(id), 'manifest.json'), when, when);
    expect(await hold().heldFor(id, when.getTime() + 1_000)).toBe(1_000);
  });

  it('knows only folders named by an item id, and none at all before anything was held', async () => {
    expect(await hold().heldIds()).toEqual([]);
    const id = randomUUID();
    await plant(id, { files: [] });
    await mkdir(path.join(root, HOLD_DIR, 'notes'));
    expect(await hold().heldIds()).toEqual([id]);
    // A path that ends in an item id is not that item.
    expect(await hold().heldFor(`nested/${id}`, Date.now())).toBeNull();
    expect(await hold().restore(`../${id}`)).toBeNull();
  });

  it('puts back what is still held, and leaves alone what never was the library’s', async () => {
    const id = randomUUID();
    await plant(
      id,
      {
        files: [
          { original: 'videos/a.mp4', held: '0/a.mp4' },
          { original: 'videos/b.mp4', held: '1/b.mp4' },
          { original: '../Documents/planted.docx', held: '2/planted.docx' },
        ],
      },
      ['0/a.mp4', '2/planted.docx'],
    );
    expect(await hold().restore(id)).toEqual([path.join(root, 'videos', 'a.mp4')]);
    expect(await readdir(outside)).toEqual(['thesis.docx']);
    expect(existsSync(itemDir(id))).toBe(false);
  });

  it('refuses, whole, an undo through a folder that now links out, or onto a file that took the place', async () => {
    const id = randomUUID();
    await plant(
      id,
      {
        files: [
          { original: 'videos/a.mp4', held: '0/a.mp4' },
          { original: 'moved/b.mp4', held: '1/b.mp4' },
        ],
      },
      ['0/a.mp4', '1/b.mp4'],
    );
    await symlink(outside, path.join(root, 'moved'));
    const refusal = await hold()
      .restore(id)
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({
      code: 'invalidInput',
      text: { key: 'error.library.heldOutside', params: { name: 'b.mp4' } },
    });
    expect(existsSync(path.join(root, 'videos', 'a.mp4'))).toBe(false);
    expect(await readdir(outside)).toEqual(['thesis.docx']);

    await rm(path.join(root, 'moved'));
    await writeFile(path.join(root, 'videos', 'a.mp4'), 'a newer file');
    const occupied = await hold()
      .restore(id)
      .catch((error: unknown) => error);
    expect(occupied).toMatchObject({
      code: 'invalidInput',
      text: { key: 'error.library.occupied', params: { name: 'a.mp4' } },
    });
    expect(await readFile(path.join(root, 'videos', 'a.mp4'), 'utf8')).toBe('a newer file');
    expect(existsSync(path.join(itemDir(id), '1', 'b.mp4'))).toBe(true);
  });
});
