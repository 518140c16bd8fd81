import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Draft } from '../../shared/drafts/draft-models';
import { openSettingsStore } from '../../electron/services/settings/settings-store';
import { openDraftStore } from '../../electron/services/storage/draft-store';
import { newJobRecord, openJobStore, type JobRecord } from '../../electron/services/storage/job-store';
import { jobRequestSchema } from '../../shared/jobs/job-models';
import { rescueStore } from '../../electron/services/storage/store-rescue';
import { runCli } from '../support/cli-runner';
import { moveTo } from '../../electron/services/jobs/job-change';
import { appError } from '../../shared/i18n/error-text';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-damage-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const at = '2026-11-30T10:00:00.000Z';
const jobRecord = (prompt: string): JobRecord => {
  const queued = newJobRecord(
    jobRequestSchema.parse({
      prompt,
      model: 'sora-2-preview',
      duration: 4,
      aspect: 'landscape',
      resolution: 'standard',
    }),
    Date.parse(at),
  );
  return moveTo(queued, { phase: 'failed', error: appError('server', 'error.server').toData() }, { nextRunAt: 0 });
};

describe('one bad row', () => {
  it('in jobs.sqlite is set aside in a quarantine table, never deleted, and every other job still loads', async () => {
    const file = path.join(dir, 'jobs.sqlite');
    const store = openJobStore(file);
    const good = jobRecord('a good one');
    store.save(good as never);
    store.save(jobRecord('about to break') as never);
    store.close();
    const raw = new DatabaseSync(file);
    raw.prepare('UPDATE jobs SET record = \'{"job": {"id": broken\' WHERE id != ?').run(good.job.id);
    raw.close();

    const reopened = openJobStore(file);
    try {
      expect(reopened.all().map((record) => record.job.id)).toEqual([good.job.id]);
      expect(reopened.quarantined()).toEqual([
        { id: expect.any(String), reason: expect.stringContaining('not JSON'), at: expect.any(String) },
      ]);
    } finally {
      reopened.close();
    }
    const check = new DatabaseSync(file);
    expect(check.prepare('SELECT record FROM jobs_quarantine').all()).toEqual([{ record: '{"job": {"id": broken' }]);
    check.close();
  });

  it('in the drafts table is set aside, and the list, versions and presets still load', async () => {
    const file = path.join(dir, 'drafts.sqlite');
    const store = openDraftStore(file);
    const draft = (title: string): Draft => ({
      id: randomUUID(),
      title,
      titleIsAuto: false,
      prompt: `${title} prompt`,
      notes: '',
      model: 'sora-2-preview',
      params: { duration: 4, aspect_ratio: 'landscape' },
      camera: null,
      modelExtras: {},
      images: [],
      pinned: false,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    });
    const kept = draft('kept');
    const broken = draft('broken');
    store.saveDraft(kept);
    store.saveDraft(broken);
    store.close();
    const raw = new DatabaseSync(file);
    raw
      .prepare('UPDATE drafts SET record = ? WHERE id = ?')
      .run(JSON.stringify({ ...broken, params: 'not a record' }), broken.id);
    raw.close();

    const reopened = openDraftStore(file);
    try {
      expect(reopened.listDrafts({ deleted: false }).map((item) => item.title)).toEqual(['kept']);
      expect(reopened.listDrafts({ search: 'broken', deleted: false })).toEqual([]);
      expect(reopened.quarantined()).toEqual([
        { table: 'drafts', id: broken.id, reason: expect.stringContaining('params'), at: expect.any(String) },
      ]);
    } finally {
      reopened.close();
    }
  });
});

describe('settings.json', () => {
  it('truncated: the defaults apply, a copy is kept, and the user is told', async () => {
    const file = path.join(dir, 'settings.json');
    await writeFile(file, '{"apiBaseUrl": "https://api.example.com", "concurr');
    const settings = await openSettingsStore(file);
    expect(settings.current().apiBaseUrl).toBe('https://api.apimart.ai');
    expect(settings.problems()).toEqual([
      {
        message: expect.stringContaining('settings.json could not be read (it is not valid JSON)'),
        text: { key: 'settings.problem.notJson', params: {} },
        moreText: {
          key: 'settings.problem.copyKept',
          params: { backup: expect.stringContaining('settings.json.damaged-') },
        },
      },
    ]);
    const copies = (await readdir(dir)).filter((name) => name.startsWith('settings.json.damaged-'));
    expect(copies).toHaveLength(1);
    await expect(readFile(path.join(dir, copies[0] ?? ''), 'utf8')).resolves.toBe(
      '{"apiBaseUrl": "https://api.example.com", "concurr',
    );
  });

  it('with one field out of range: that field is reset, every other one kept', async () => {
    const file = path.join(dir, 'settings.json');
    await writeFile(
      file,
      JSON.stringify({
        apiBaseUrl: 'https://api.example.com',
        concurrency: 99,
        prices: { 'sora-2-preview': 0.08 },
        theme: 'dark',
      }),
    );
    const settings = await openSettingsStore(file);
    expect(settings.current()).toMatchObject({
      apiBaseUrl: 'https://api.example.com',
      concurrency: 3,
      prices: { 'sora-2-preview': 0.08 },
      theme: 'dark',
    });
    expect(settings.problems()).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('reset to their defaults: jobs at once; the others were kept'),
        text: { key: 'settings.problem.reset', params: { fields: 'jobs at once' } },
      }),
    ]);
  });

  it('is reported by the CLI once, and the command still works', async () => {
    await writeFile(path.join(dir, 'settings.json'), '{"prices": ');
    const run = await runCli(dir, 'config', 'get', 'jobs-at-once');
    expect(run).toMatchObject({
      code: 0,
      stdout: '3\n',
      stderr: expect.stringContaining('reelbench: settings.json could not be read'),
    });
  });
});

describe('a store that cannot be opened at all', () => {
  it('is kept aside, never deleted, when the user agrees, and a new one opens in its place', async () => {
    const file = path.join(dir, 'jobs.sqlite');
    const noise = randomBytes(8192);
    await writeFile(file, noise);
    const outcome = await rescueStore(
      file,
      'your generation jobs',
      (target) => openJobStore(target).close(),
      async () => true,
      new Date(at),
    );
    expect(outcome).toBe('setAside');
    await expect(readFile(`${file}.damaged-2026-11-30T10-00-00-000Z`)).resolves.toEqual(noise);
    const fresh = openJobStore(file);
    expect(fresh.all()).toEqual([]);
    fresh.close();
  });

  it('is left exactly as it was when the user declines', async () => {
    const file = path.join(dir, 'drafts.sqlite');
    const noise = randomBytes(8192);
    await writeFile(file, noise);
    expect(
      await rescueStore(
        file,
        'your drafts',
        (target) => openDraftStore(target).close(),
        async () => false,
      ),
    ).toBe('declined');
    await expect(readFile(file)).resolves.toEqual(noise);
    expect(await readdir(dir)).toEqual(['drafts.sqlite']);
  });

  it('stops a CLI command with what is wrong and how to set it aside, touching nothing', async () => {
    const file = path.join(dir, 'jobs.sqlite');
    const noise = randomBytes(8192);
    await writeFile(file, noise);
    const run = await runCli(dir, 'jobs');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('reelbench: Reelbench cannot open jobs.sqlite, which holds your generation jobs.');
    expect(run.stderr).toContain(`Move it aside (mv "${file}" "${file}.damaged-`);
    await expect(readFile(file)).resolves.toEqual(noise);
  });
});

describe('a store another process holds in the middle of a write (paused, say)', () => {
  it('still opens and reads: opening takes no lock when its tables are up to date', async () => {
    const file = path.join(dir, 'jobs.sqlite');
    const first = openJobStore(file);
    first.save(jobRecord('written before the pause'));
    first.close();
    const paused = new DatabaseSync(file);
    paused.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      const store = openJobStore(file);
      expect(store.all().map((record) => record.job.request.prompt)).toEqual(['written before the pause']);
      expect(store.changedSince(0).records).toHaveLength(1);
      store.close();
      // Well under SQLite's busy timeout (5 s): nothing waited for the lock.
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      paused.exec('ROLLBACK');
      paused.close();
    }
  });

  it('is waited for, never called damaged: no question, no file set aside', async () => {
    const file = path.join(dir, 'jobs.sqlite');
    await writeFile(file, 'placeholder');
    const locked = () => {
      throw Object.assign(new Error('database is locked'), { errcode: 5 });
    };
    let asked = 0;
    const agree = async () => {
      asked += 1;
      return true;
    };
    let attempts = 0;
    const unlocksOnTheThirdTry = () => {
      attempts += 1;
      if (attempts < 3) locked();
    };
    await expect(rescueStore(file, 'your generation jobs', unlocksOnTheThirdTry, agree)).resolves.toBe('sound');
    await expect(rescueStore(file, 'your generation jobs', locked, agree, new Date(), 600)).rejects.toMatchObject({
      message: expect.stringContaining('is in use by another Reelbench process that is not going on'),
      action: 'Let that process continue, or close it, then try again.',
    });
    expect(asked).toBe(0);
    expect(await readdir(dir)).toEqual(['jobs.sqlite']);
  });
});
