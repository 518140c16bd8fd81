import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Storyboard } from '../../../shared/boards/board-models';
import type { Job } from '../../../shared/jobs/job-models';
import { startFakeApimart, type FakeApimart } from '../../fake-apimart/fake-server.ts';
import { eventually } from '../../support/eventually';
import { keychainGate } from '../../support/keychain-probe';
import { setupServices, type ServicesSetup } from '../../support/main-services-setup';
import { ipcCaller, type IpcAnswer as Answer } from '../../support/ipc-call';
import { makeClip } from '../../support/media-clips';

const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

let app: ServicesSetup;
let fake: FakeApimart;
let clip: Buffer;
beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-extend-clip-'));
  clip = await readFile(await makeClip(path.join(dir, 'take.mp4'), { seconds: 2 }));
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await app.close();
  await fake.close();
});

const call = ipcCaller(() => app);
/** Whether the jobs are done; each look moves the fake's clock on a second. */
const done = (jobs: readonly Job[]) => {
  fake.clock.advance(1_000);
  return jobs.every((job) => app.services.jobs.get(job.id).phase === 'done');
};

/** A board with one Veo 3.1 Fast shot, generated and filed. */
async function boardWithTake(): Promise<Storyboard> {
  let board = await call<Storyboard>('boards.create', { title: 'Run' });
  board = await call<Storyboard>('boards.addShot', { id: board.id });
  board = await call<Storyboard>('boards.updateShot', {
    id: board.id,
    shotId: board.shots[0]?.id,
    patch: {
      prompt: 'A fox runs across the snow',
      model: 'veo3.1-fast',
      params: { duration: 8, aspect_ratio: '16:9' },
    },
  });
  const jobs = await call<Job[]>('boards.generate', { id: board.id, scope: { kind: 'all' } });
  await eventually(() => done(jobs), 'the first take');
  return call<Storyboard>('boards.get', { id: board.id });
}

describe.skipIf(gate.skip)('extend this take', () => {
  it('continues a take with its model remix: one billed task, a re-send after a dropped answer replayed, not billed', async () => {
    fake = await startFakeApimart({ estimatedSeconds: 0, videoPayload: clip });
    app = await setupServices(fake.baseUrl, {}, { pollMs: 50 });
    await call('key.set', { value: fake.apiKey });
    let board = await boardWithTake();
    const [shot] = board.shots;
    const take = shot?.takes[0];
    const firstTask = app.services.jobs.get(take?.jobId ?? '').taskId;
    expect(firstTask).toMatch(/^task_/);

    board = await call<Storyboard>('boards.extendTake', { id: board.id, shotId: shot?.id, jobId: take?.jobId });
    const extension = board.shots[1];
    expect(extension).toMatchObject({
      model: 'veo3.1-fast',
      images: [],
      extendsTake: { jobId: take?.jobId, taskId: firstTask },
    });
    board = await call<Storyboard>('boards.updateShot', {
      id: board.id,
      shotId: extension?.id,
      patch: { prompt: 'The fox leaps over a frozen stream' },
    });
    const plan = await call<{ totalSeconds: number; shots: unknown[] }>('boards.plan', {
      id: board.id,
      scope: { kind: 'shot', shotId: extension?.id },
    });
    expect(plan).toMatchObject({ totalSeconds: 8, shots: [{ model: 'veo3.1-fast', seconds: 8 }] });

    // The answer to the billed request is lost once: the job re-sends it with the same key and is answered with the
    // same task, billed once.
    fake.inject('generate', { kind: 'dropAfterWork' }, 1);
    const [job] = await call<Job[]>('boards.generate', {
      id: board.id,
      scope: { kind: 'shot', shotId: extension?.id },
    });
    await eventually(() => done(job ? [job] : []), 'the extension');
    const remixes = fake.requests.filter((request) => request.path === `/v1/videos/${firstTask ?? ''}/remix`);
    expect(remixes).toHaveLength(2);
    expect(new Set(remixes.map((request) => request.headers['idempotency-key']))).toEqual(
      new Set([`reelbench-job-${job?.id ?? ''}`]),
    );
    expect(fake.replays()).toBe(1);
    expect(fake.ledger().tasks).toHaveLength(2);
    const finished = app.services.jobs.get(job?.id ?? '');
    expect(finished).toMatchObject({ phase: 'done', request: { extendsTaskId: firstTask, images: [] } });
    expect(finished.taskId).not.toBe(firstTask);
    board = await call<Storyboard>('boards.get', { id: board.id });
    expect(board.shots[1]?.takes[0]?.itemId).toBeTruthy();
  });

  it('is refused for a model that cannot extend, and by the server for a task that never finished', async () => {
    fake = await startFakeApimart({ estimatedSeconds: 0, videoPayload: clip });
    app = await setupServices(fake.baseUrl, {}, { pollMs: 50 });
    await call('key.set', { value: fake.apiKey });
    let board = await boardWithTake();
    const shot = board.shots[0];
    board = await call<Storyboard>('boards.updateShot', {
      id: board.id,
      shotId: shot?.id,
      patch: { model: 'sora-2-preview', params: { duration: 4 } },
    });
    const refused = (await app.call('boards.extendTake', {
      id: board.id,
      shotId: shot?.id,
      jobId: shot?.takes[0]?.jobId,
    })) as Answer;
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    expect(refused.error?.message).toContain('cannot extend a video');

    const answer = await fetch(`${fake.baseUrl}/v1/videos/task_NOPE/remix`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'veo3.1-fast', prompt: 'more' }),
    });
    expect(answer.status).toBe(404);
    expect(fake.ledger().tasks).toHaveLength(1);
  });
});
