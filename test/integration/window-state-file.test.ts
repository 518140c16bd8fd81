import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '../../electron/services/window/window-state';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-window-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('window state on disk', () => {
  it('round-trips through a real file and leaves no temp file behind', async () => {
    const file = path.join(dir, 'window-state.json');
    const state = { x: 40, y: 60, width: 1500, height: 900, maximized: true };
    await saveWindowState(file, state);
    await expect(loadWindowState(file)).resolves.toEqual(state);
    expect(await readdir(dir)).toEqual(['window-state.json']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(state);
  });

  it('treats a missing, corrupt or out-of-range file as a first launch', async () => {
    const file = path.join(dir, 'window-state.json');
    await expect(loadWindowState(file)).resolves.toEqual(DEFAULT_WINDOW_STATE);
    await writeFile(file, '{"width": 1500, "hei');
    await expect(loadWindowState(file)).resolves.toEqual(DEFAULT_WINDOW_STATE);
    await writeFile(file, JSON.stringify({ width: 10, height: 10, maximized: false }));
    await expect(loadWindowState(file)).resolves.toEqual(DEFAULT_WINDOW_STATE);
  });

  it('refuses to write a state outside the schema', async () => {
    const file = path.join(dir, 'window-state.json');
    await expect(saveWindowState(file, { width: Number.NaN, height: 900, maximized: false })).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});
