import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realFileInside, realPlaceInside } from '../../../electron/services/library/real-file';

// What the library serves, copies, moves or trashes must really be its own: the folder is shared input.
let dir: string;
let root: string;
let outside: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-real-file-'));
  root = path.join(dir, 'library');
  outside = path.join(dir, 'elsewhere');
  await mkdir(path.join(root, 'videos'), { recursive: true });
  await mkdir(outside);
  await writeFile(path.join(root, 'videos', 'clip.mp4'), 'video');
  await writeFile(path.join(root, '..draft.mp4'), 'video');
  await writeFile(path.join(outside, 'secret.txt'), 'secret');
  await symlink(outside, path.join(root, 'linked-out'));
  await symlink(path.join(outside, 'secret.txt'), path.join(root, 'videos', 'secret.ref.jpg'));
  await symlink(path.join(root, 'videos', 'clip.mp4'), path.join(root, 'videos', 'alias.mp4'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('real files inside the library', () => {
  it('accepts plain files below the root, the root itself reached through a link', async () => {
    const viaLink = path.join(dir, 'library-link');
    await symlink(root, viaLink);
    expect(await realFileInside(path.join(root, 'videos', 'clip.mp4'), root)).toBe(true);
    expect(await realFileInside(path.join(root, '..draft.mp4'), root)).toBe(true);
    expect(await realFileInside(path.join(viaLink, 'videos', 'clip.mp4'), viaLink)).toBe(true);
  });

  it('refuses links (even to the library’s own files), folders, missing files and files reached through a linked folder', async () => {
    for (const refused of [
      path.join(root, 'videos', 'secret.ref.jpg'),
      path.join(root, 'videos', 'alias.mp4'),
      path.join(root, 'videos'),
      path.join(root, 'videos', 'gone.mp4'),
      path.join(root, 'linked-out', 'secret.txt'),
      path.join(outside, 'secret.txt'),
    ])
      expect(await realFileInside(refused, root), refused).toBe(false);
    expect(
      await realFileInside(path.join(root, 'videos', 'clip.mp4'), path.join(dir, 'no-library')),
      'missing root',
    ).toBe(false);
  });

  it('with a folder, requires the file inside that folder of the library', async () => {
    const clip = path.join(root, 'videos', 'clip.mp4');
    expect(await realFileInside(clip, root, 'videos')).toBe(true);
    expect(await realFileInside(clip, root, 'other')).toBe(false);
    expect(await realFileInside(path.join(root, '..draft.mp4'), root, 'videos')).toBe(false);
  });
});

describe('places a file may be moved to', () => {
  it('allows a new name in an existing or not yet made folder of the library', async () => {
    expect(await realPlaceInside(path.join(root, 'videos', 'new.mp4'), root)).toBe(true);
    expect(await realPlaceInside(path.join(root, 'videos', 'clip.mp4'), root)).toBe(true);
    expect(await realPlaceInside(path.join(root, 'new', 'deeper', 'new.mp4'), root)).toBe(true);
    expect(await realPlaceInside(path.join(root, 'top.mp4'), root)).toBe(true);
  });

  it('refuses a link as the target, a folder on the way that links out, and places outside', async () => {
    expect(await realPlaceInside(path.join(root, 'videos', 'alias.mp4'), root)).toBe(false);
    expect(await realPlaceInside(path.join(root, 'videos', 'secret.ref.jpg'), root)).toBe(false);
    expect(await realPlaceInside(path.join(root, 'linked-out', 'new.mp4'), root)).toBe(false);
    expect(await realPlaceInside(path.join(root, 'linked-out', 'a', 'b', 'new.mp4'), root)).toBe(false);
    expect(await realPlaceInside(path.join(outside, 'new.mp4'), root)).toBe(false);
    expect(await realPlaceInside(path.join(dir, 'nowhere', 'at', 'all.mp4'), root)).toBe(false);
    expect(await realPlaceInside(path.join(root, 'new.mp4'), path.join(dir, 'no-library'))).toBe(false);
  });
});
