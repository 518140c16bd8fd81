import { open, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keychainGate } from '../../support/keychain-probe';
import { setupServices, type ServicesSetup } from '../../support/main-services-setup';
import { eventually } from '../../support/eventually';

const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

let app: ServicesSetup;
afterEach(async () => {
  await app.close();
});

const data = <T>(answer: { ok: boolean; data?: unknown; error?: unknown }): T => {
  if (!answer.ok) throw new Error(`IPC call failed: ${JSON.stringify(answer.error)}`);
  return answer.data as T;
};

describe.skipIf(gate.skip)('drafts over IPC, with no network and no key', () => {
  it('drafts, versions and queues a generation that waits ("will start when online")', async () => {
    app = await setupServices('http://127.0.0.1:9'); // nothing listens there: offline
    const draft = data<{ id: string }>(await app.call('drafts.create', { prompt: 'Written on a plane' }));
    data(
      await app.call('drafts.update', {
        id: draft.id,
        patch: { prompt: 'Written on a plane, over the clouds', params: { duration: 8 } },
      }),
    );
    const job = data<{ id: string; phase: string; request: { draftId: string; draftVersionId: string } }>(
      await app.call('drafts.generate', { id: draft.id }),
    );
    expect(job).toMatchObject({ phase: 'queued', request: { draftId: draft.id, draftVersionId: expect.any(String) } });
    await eventually(() => app.services.jobs.get(job.id).waiting !== null, 'the job to wait');
    expect(data<{ waiting: string }[]>(await app.call('jobs.list'))[0]).toMatchObject({
      waiting: 'key',
      phase: 'submitting',
    });
    expect(data<{ reason: string }[]>(await app.call('drafts.versions', { id: draft.id }))).toMatchObject([
      { reason: 'generated' },
    ]);
  });

  it('exports to a chosen folder and imports from a chosen file', async () => {
    app = await setupServices('http://127.0.0.1:9');
    data(await app.call('drafts.create', { prompt: 'Share me' }));
    const folder = path.join(app.paths.dataDir, '..');
    app.desktop.nextFolder = folder;
    const { file } = data<{ file: string }>(await app.call('drafts.export'));
    expect(path.dirname(file)).toBe(path.resolve(folder));
    expect((await readdir(folder)).some((name) => /^reelbench-drafts-\d{4}-\d\d-\d\d\.json$/.test(name))).toBe(true);
    app.desktop.nextFile = file;
    expect(data(await app.call('drafts.import'))).toEqual({ drafts: 1, presets: 0, storyboards: 0, skipped: [] });
    expect(data<unknown[]>(await app.call('drafts.list', {}))).toHaveLength(2);
    app.desktop.nextFile = null;
    expect(data(await app.call('drafts.import'))).toBeNull();
  });

  it('refuses a drafts file past 20 MB by its size, before reading it (a 3 GB one included)', async () => {
    app = await setupServices('http://127.0.0.1:9');
    const huge = path.join(app.paths.dataDir, '..', 'huge-drafts.json');
    // Sparse: 3 GB on paper, nothing on disk. Read whole, it would not even fit in a string.
    const handle = await open(huge, 'w');
    await handle.truncate(3 * 1024 * 1024 * 1024);
    await handle.close();
    app.desktop.nextFile = huge;
    const answer = (await app.call('drafts.import')) as { ok: boolean; error?: { code: string; message: string } };
    expect(answer.ok).toBe(false);
    expect(answer.error?.message).toContain('too large to be a drafts export');
    await rm(huge);
  });
});
