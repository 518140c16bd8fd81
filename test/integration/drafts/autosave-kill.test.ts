import { spawn } from 'node:child_process';
import { SNAPSHOT_CATALOG } from '../../../shared/catalog/model-catalog.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { createDraftService } from '../../../electron/services/drafts/draft-service';
import { openDraftStore } from '../../../electron/services/storage/draft-store';
import { eventually } from '../../support/eventually';

let dir: string;
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('autosave and kill -9', () => {
  it('keeps every save that returned, and the database intact, when the writer is killed mid-typing', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-autosave-'));
    const file = path.join(dir, 'drafts.sqlite');
    const setupStore = openDraftStore(file);
    const draft = createDraftService({
      store: setupStore,
      imagesDir: dir,
      catalog: () => SNAPSHOT_CATALOG,
      jobs: () => {
        throw new Error('unused');
      },
      pricePerSecond: () => null,
    }).create({ prompt: 'A fox' });
    setupStore.close();

    const root = path.resolve(import.meta.dirname, '../../..');
    const child = spawn(
      process.execPath,
      ['--import', './scripts/register-ts.js', 'test/support/draft-autosave-child.ts', file, draft.id],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let acknowledged = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = chunk.toString().trim().split('\n');
      acknowledged = Math.max(acknowledged, Number(lines[lines.length - 1]));
    });
    await eventually(() => acknowledged >= 200, 'two hundred autosaves');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));

    const raw = new DatabaseSync(file);
    expect(raw.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    raw.close();
    const store = openDraftStore(file);
    try {
      const saved = store.getDraft(draft.id);
      const keystroke = Number(saved?.prompt.split('|')[1]);
      // Every save that returned (and was acknowledged) is on disk; at most the one in flight is lost.
      expect(keystroke).toBeGreaterThanOrEqual(acknowledged);
      expect(saved?.prompt.startsWith('A fox')).toBe(true);
      expect(store.listDrafts({ search: 'fox', deleted: false }).map((entry) => entry.id)).toEqual([draft.id]);
    } finally {
      store.close();
    }
  });
});
