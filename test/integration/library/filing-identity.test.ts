import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileGeneratedVideo } from '../../../electron/services/library/library-add';
import { itemIdForJob } from '../../../electron/services/library/item-identity';
import { readSidecar } from '../../../electron/services/library/sidecar-io';
import { itemIdSchema } from '../../../shared/library/library-models';
import { SAMPLE_VIDEO } from '../../support/library-setup';

let dir: string;
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Found by a chaos round (bench smoke, seed 1259538722): a process paused in the middle of writing a job's sidecar
// lost its lease; another finished the job under a new random id; the first woke, completed its write, and the
// job pointed at an item no sidecar named.
describe('the library id of a generated video', () => {
  it('is decided by its job, so a late write by a paused process names the same item', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-filing-'));
    const jobId = randomUUID();
    const sidecarIds: string[] = [];
    for (const process of ['paused', 'took over']) {
      const root = path.join(dir, process);
      await mkdir(root, { recursive: true });
      const download = path.join(dir, `${process}.mp4`);
      await copyFile(SAMPLE_VIDEO, download);
      const sidecar = await fileGeneratedVideo(
        root,
        '2026-11-30 a red fox in snow',
        {
          videoFile: download,
          generation: {
            prompt: 'a red fox in snow',
            model: 'sora-2-preview',
            duration: 4,
            aspect: 'landscape',
            resolution: 'standard',
            taskId: 'task_X',
            jobId,
            draftId: null,
            draftVersionId: null,
          },
          createdAt: new Date('2026-11-30T10:00:00Z'),
          completedAt: new Date(),
        },
        'test',
      );
      const read = await readSidecar(sidecar);
      if (!read.ok) throw new Error(read.problem.message);
      sidecarIds.push(read.sidecar.id);
    }
    expect(sidecarIds).toEqual([itemIdForJob(jobId), itemIdForJob(jobId)]);
    expect(itemIdSchema.safeParse(itemIdForJob(jobId)).success).toBe(true);
    expect(itemIdForJob(randomUUID())).not.toBe(itemIdForJob(jobId));
  });
});
