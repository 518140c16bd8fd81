import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanFolder } from '../../../electron/services/library/scan-folder';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'reelbench-scan-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function put(relative: string, text = 'x'): Promise<void> {
  await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
  await writeFile(path.join(root, relative), text);
}

describe('scanning the library folder', () => {
  it('finds videos, sidecars, temps and kept-aside sidecars at any depth, and nothing else', async () => {
    await put('fox.mp4', 'video');
    await put('clips/2026/owl.mp4');
    await put('clips/2026/owl.reelbench.json');
    await put('clips/fox.reelbench.json.482910');
    await put('clips/copy.reelbench-tmp');
    await put('clips/owl.reelbench.damaged-3.json');
    await put('clips/owl.reelbench.damaged-3.json.bak');
    await put('notes.txt');
    await put('trailing-dot./bat.mp4');
    const scan = await scanFolder(root);
    expect([...scan.videos.keys()].sort()).toEqual(['clips/2026/owl', 'fox', 'trailing-dot./bat']);
    expect(scan.videos.get('fox')).toMatchObject({
      relative: 'fox.mp4',
      absolute: path.join(root, 'fox.mp4'),
      size: 5,
    });
    expect([...scan.sidecars.keys()]).toEqual(['clips/2026/owl']);
    expect(scan.temps.map((file) => file.relative).sort()).toEqual([
      'clips/copy.reelbench-tmp',
      'clips/fox.reelbench.json.482910',
    ]);
    expect(scan.keptAside.map((file) => file.relative)).toEqual(['clips/owl.reelbench.damaged-3.json']);
  });

  it('skips hidden folders and files, links, and anything that is not a plain file', async () => {
    await put('.git/objects/a.mp4');
    await put('.reelbench-removed/0/b.mp4');
    await put('clips/.hidden.mp4');
    await put('real.mp4');
    await symlink(path.join(root, 'real.mp4'), path.join(root, 'alias.mp4'));
    await mkdir(path.join(root, 'folder.mp4'));
    const scan = await scanFolder(root);
    expect([...scan.videos.keys()]).toEqual(['real']);
  });

  it('stats every file of a folder larger than one batch, once', async () => {
    for (let index = 0; index < 150; index += 1) await put(`many/take-${index}.reelbench-tmp`);
    const scan = await scanFolder(root);
    expect(scan.temps).toHaveLength(150);
    expect(new Set(scan.temps.map((file) => file.relative)).size).toBe(150);
  });
});
