import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { moveTo } from '../../../electron/services/jobs/job-change';
import { itemIdForJob } from '../../../electron/services/library/item-identity';
import { newJobRecord, openJobStore } from '../../../electron/services/storage/job-store';
import { translateRef } from '../../../shared/i18n/error-text';
import { translator } from '../../../shared/i18n/translator';
import { writeOldJobsDatabase } from '../../support/old-jobs-db';

let dir = '';
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A request as Sora-era versions wrote it: the model's fields flat, one reference image. */
const legacyRequest = {
  prompt: 'an old job',
  model: 'sora-2-pro-preview',
  duration: 8,
  aspect: 'portrait',
  resolution: 'high',
  imagePath: '/photos/face.png',
  crop: { x: 0.1, y: 0, width: 0.5, height: 1 },
  title: null,
  draftId: null,
  draftVersionId: null,
} as const;

const request = {
  prompt: 'an old job',
  model: 'sora-2-pro-preview',
  params: { duration: 8, aspect_ratio: 'portrait', resolution: 'high' },
  images: [{ role: 'first' as const, path: '/photos/face.png', crop: null }],
  title: null,
  draftId: null,
  draftVersionId: null,
  extendsTaskId: null,
};

/** A job as the first versions wrote it: one flat object of nullable fields, warnings as English sentences. */
function flatJob(fields: Record<string, unknown>): Record<string, unknown> {
  const { cancelRequestedAt: _later, ...job } = newJobRecord({ ...request }, Date.parse('2026-10-01T10:00:00Z')).job;
  return { ...job, request: legacyRequest, updatedAt: '2026-10-01T10:05:00.000Z', ...fields };
}

/** Internals as Sora-era versions wrote them: one prepared image and its upload. */
const { images: _images, ...current } = newJobRecord({ ...request }, 0).internals;
const internals = {
  ...current,
  preparedPath: '/cache/prepared/abc.jpg',
  preparedKey: 'abc',
  uploadUrl: 'https://upload.apimart.ai/f/image/abc.jpg',
};

/** The old database with these jobs, each with the Sora-era internals above. */
function oldDatabase(file: string, jobs: Record<string, unknown>[]): void {
  writeOldJobsDatabase(
    file,
    jobs.map((job) => ({ job, internals })),
  );
}

describe('a jobs.sqlite written by an older Reelbench', () => {
  it('opens with every job in the shape its phase requires, keeping every task and charge it recorded', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-migration-'));
    const file = path.join(dir, 'jobs.sqlite');
    const generating = flatJob({
      phase: 'polling',
      taskId: 'task_generating',
      submittedAt: '2026-10-01T10:01:00.000Z',
      billedSeconds: 8,
      warning: "This video's download link expires in 42 min.",
    });
    const lostTask = flatJob({ phase: 'polling' });
    const answered = flatJob({ phase: 'submitting', taskId: 'task_answered' });
    const done = flatJob({
      phase: 'done',
      taskId: 'task_done',
      submittedAt: '2026-10-01T10:01:00.000Z',
      billedSeconds: 8,
    });
    const failed = flatJob({ phase: 'failed' });
    const cancelled = flatJob({
      phase: 'cancelled',
      taskId: 'task_cancelled',
      warning: 'Abandoned in Reelbench only: APIMart has no way to stop a task, so it may still finish and be billed.',
    });
    oldDatabase(file, [generating, lostTask, answered, done, failed, cancelled]);

    const store = openJobStore(file);
    try {
      const byId = new Map(store.all().map((record) => [record.job.id, record.job]));
      expect(store.quarantined()).toEqual([]);
      expect(byId.size).toBe(6);
      expect(byId.get(String(generating['id']))).toMatchObject({
        phase: 'polling',
        taskId: 'task_generating',
        billedSeconds: 8,
        warning: { key: 'job.warning.linkExpires', params: { count: 42 } },
      });
      expect(translateRef(translator('ko'), byId.get(String(generating['id']))?.warning)).toContain('42');
      // A generating job without its task cannot be followed: the user is asked, nothing is re-sent.
      expect(byId.get(String(lostTask['id']))).toMatchObject({
        phase: 'needsAttention',
        taskId: null,
        error: { text: { key: 'error.job.unsure' } },
      });
      // The task was recorded: it is the truth, with its charge.
      expect(byId.get(String(answered['id']))).toMatchObject({
        phase: 'polling',
        taskId: 'task_answered',
        billedSeconds: 8,
      });
      expect(byId.get(String(done['id']))).toMatchObject({
        phase: 'done',
        libraryItemId: itemIdForJob(String(done['id'])),
      });
      expect(byId.get(String(failed['id']))).toMatchObject({
        phase: 'failed',
        error: { text: { key: 'error.job.reasonLost' } },
      });
      expect(byId.get(String(cancelled['id']))).toMatchObject({
        phase: 'cancelled',
        taskId: 'task_cancelled',
        billedSeconds: 8,
        warning: { key: 'job.warning.abandoned', params: {} },
      });
      // Sora's fields became the model's params; the one image its first frame, with its crop; its upload kept.
      expect(byId.get(String(generating['id']))?.request).toEqual({
        ...request,
        images: [{ role: 'first', path: '/photos/face.png', crop: legacyRequest.crop }],
      });
      expect(store.get(String(answered['id']))?.internals.images).toEqual([
        { path: '/cache/prepared/abc.jpg', key: 'abc', url: 'https://upload.apimart.ai/f/image/abc.jpg' },
      ]);
      expect(store.history(String(generating['id']))).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('refuses to write a job its phase does not allow: a bug never reaches the disk', () => {
    const queued = newJobRecord({ ...request }, Date.now());
    // Only a job that APIMart accepted can be downloaded; the types refuse this, and so does the runtime check.
    const illegal = moveTo as (...args: unknown[]) => unknown;
    expect(() => illegal(queued, { phase: 'downloading' })).toThrow(/cannot be downloading/);
    expect(() => illegal(queued, { phase: 'done', libraryItemId: 'x' })).toThrow(/cannot be done/);
    expect(moveTo(queued, { phase: 'failed', error: { code: 'server', message: 'no' } }).job.phase).toBe('failed');
  });
});
