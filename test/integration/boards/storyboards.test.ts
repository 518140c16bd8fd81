import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BoardPlan, Storyboard } from '../../../shared/boards/board-models';
import type { Job } from '../../../shared/jobs/job-models';
import type { LibraryItem } from '../../../shared/library/library-models';
import { startFakeApimart, type FakeApimart } from '../../fake-apimart/fake-server.ts';
import { eventually } from '../../support/eventually';
import { keychainGate } from '../../support/keychain-probe';
import { setupServices, type ServicesSetup } from '../../support/main-services-setup';
import { runCliWith } from '../../support/cli-runner';
import { testLibraryRoot } from '../../support/test-library-host';
import { makeClip, probe } from '../../support/media-clips';
import { readVideoRecord } from '../../../electron/services/media/video-record-io';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';

const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

let app: ServicesSetup;
let fake: FakeApimart | undefined;
let clip: Buffer;
afterEach(async () => {
  await app.close();
  await fake?.close();
  fake = undefined;
});
beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-board-clip-'));
  clip = await readFile(await makeClip(path.join(dir, 'take.mp4'), { seconds: 2 }));
  await rm(dir, { recursive: true, force: true });
});

type Answer = { ok: boolean; data?: unknown; error?: { code: string; message: string } };
const data = <T>(answer: Answer): T => {
  if (!answer.ok) throw new Error(`IPC call failed: ${JSON.stringify(answer.error)}`);
  return answer.data as T;
};
const call = async <T>(channel: string, payload?: unknown) => data<T>((await app.call(channel, payload)) as Answer);

/** Whether the jobs are done; the fake's time stands still unless moved, so each look moves it on a second. */
function finished(jobs: readonly (Job | undefined)[]): boolean {
  fake?.clock.advance(1_000);
  return jobs.every((job) => job && app.services.jobs.get(job.id).phase === 'done');
}

describe.skipIf(gate.skip)('storyboards', () => {
  it('keeps shots in order: add, from a draft, edit, move, duplicate, remove and undo — offline, nothing sent', async () => {
    app = await setupServices('http://127.0.0.1:9');
    const draft = await call<{ id: string }>('drafts.create', { prompt: 'A lighthouse at dawn' });
    let board = await call<Storyboard>('boards.create', { title: 'Coast', fromDraftIds: [draft.id] });
    expect(board.shots.map((shot) => shot.prompt)).toEqual(['A lighthouse at dawn']);
    board = await call<Storyboard>('boards.addShot', { id: board.id });
    const second = board.shots[1]?.id ?? '';
    expect(board.shots[1]?.model).toBe(board.shots[0]?.model); // a new shot takes the previous one's model
    board = await call<Storyboard>('boards.updateShot', {
      id: board.id,
      shotId: second,
      patch: { prompt: 'Waves on the rocks', continueFromPrevious: true },
    });
    board = await call<Storyboard>('boards.duplicateShot', { id: board.id, shotId: second });
    expect(board.shots.map((shot) => shot.prompt)).toEqual([
      'A lighthouse at dawn',
      'Waves on the rocks',
      'Waves on the rocks',
    ]);
    board = await call<Storyboard>('boards.moveShot', { id: board.id, shotId: second, toIndex: 0 });
    expect(board.shots[0]?.id).toBe(second);
    board = await call<Storyboard>('boards.removeShot', { id: board.id, shotId: second });
    expect(board.shots.map((shot) => shot.id)).not.toContain(second);
    board = await call<Storyboard>('boards.restoreShot', { id: board.id });
    expect(board.shots[0]?.id).toBe(second);
    expect(board.shots[0]?.continueFromPrevious).toBe(true);

    // Stored with the drafts: a new process on the same data folder reads the same board.
    const again = await call<Storyboard[]>('boards.list', {});
    expect(again.map((entry) => entry.shots.length)).toEqual([3]);
    const refused = (await app.call('boards.moveShot', { id: board.id, shotId: second, toIndex: -1 })) as Answer;
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalidInput' } });

    // A path the user never chose is refused before anything reads it (the window names files only by the tokens
    // main gave it); the shot keeps no image.
    const secret = path.join(app.paths.dataDir, '..', 'id_rsa.png');
    const notChosen = (await app.call('boards.setShotImage', {
      id: board.id,
      shotId: second,
      role: 'first',
      image: secret,
    })) as Answer;
    expect(notChosen).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    expect(notChosen.error?.message).toContain('an image token from Reelbench');
    expect((await call<Storyboard>('boards.get', { id: board.id })).shots[0]?.images).toEqual([]);
    // Encoded takes are accepted only for an export under way, and only for takes the film has.
    const noTakes = (await app.call('boards.beginEncoded', { id: board.id })) as Answer;
    expect(noTakes).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    const stray = (await app.call('boards.writeEncoded', {
      uploadId: '00000000-0000-4000-8000-000000000000',
      index: 0,
      offset: 0,
      data: 'AAAA',
    })) as Answer;
    expect(stray).toMatchObject({ ok: false, error: { code: 'notFound' } });
  });

  it('shows seconds and cost before anything is sent, refuses a shot the model refuses, and files takes per shot', async () => {
    fake = await startFakeApimart({ estimatedSeconds: 0, videoPayload: clip });
    app = await setupServices(fake.baseUrl, {}, { pollMs: 50 });
    await call('key.set', { value: fake.apiKey });
    let board = await call<Storyboard>('boards.create', { title: 'Three shots' });
    for (const prompt of ['One', 'Two', 'Three']) {
      board = await call<Storyboard>('boards.addShot', { id: board.id });
      const shot = board.shots.at(-1);
      board = await call<Storyboard>('boards.updateShot', {
        id: board.id,
        shotId: shot?.id,
        patch: { prompt, model: 'sora-2-preview', params: { duration: 4 } },
      });
    }
    const plan = await call<BoardPlan>('boards.plan', { id: board.id, scope: { kind: 'all' } });
    expect(plan).toMatchObject({ totalSeconds: 12, blocked: [] });
    expect(plan.shots).toHaveLength(3);
    expect(fake.count('generate', 'POST')).toBe(0);

    // A shot its model refuses blocks the whole run: nothing is queued.
    const third = board.shots[2]?.id;
    board = await call<Storyboard>('boards.updateShot', {
      id: board.id,
      shotId: third,
      patch: { params: { duration: 7 } },
    });
    const blocked = (await app.call('boards.generate', { id: board.id, scope: { kind: 'all' } })) as Answer;
    expect(blocked).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    expect(blocked.error?.message).toContain('Shot 3');
    expect(app.services.jobs.list()).toHaveLength(0);
    board = await call<Storyboard>('boards.updateShot', {
      id: board.id,
      shotId: third,
      patch: { params: { duration: 4 } },
    });

    const jobs = await call<Job[]>('boards.generate', { id: board.id, scope: { kind: 'all' } });
    expect(jobs).toHaveLength(3);
    await eventually(() => finished(jobs), 'the three jobs to finish');
    board = await call<Storyboard>('boards.get', { id: board.id });
    expect(board.shots.map((shot) => shot.takes.length)).toEqual([1, 1, 1]);
    expect(board.shots.every((shot) => shot.takes[0]?.itemId !== null)).toBe(true);
    // Each filed video says in its own metadata how it was made (what rebuilds a lost sidecar).
    const firstTake = board.shots[0]?.takes[0];
    const filedFile = (await app.services.library.current().mediaFile('video', firstTake?.itemId ?? '')) ?? '';
    expect(await readVideoRecord(filedFile)).toMatchObject({
      prompt: 'One',
      model: 'sora-2-preview',
      params: { duration: 4 },
      jobId: firstTake?.jobId,
      appVersion: 'test',
      title: 'Three shots · 1',
    });
    // Every shot has a take: "the missing ones" is nothing, and says so.
    const nothing = (await app.call('boards.generate', { id: board.id, scope: { kind: 'missing' } })) as Answer;
    expect(nothing).toMatchObject({ ok: false });
    // Another take of shot 2, chosen.
    const [again] = await call<Job[]>('boards.generate', {
      id: board.id,
      scope: { kind: 'shot', shotId: board.shots[1]?.id },
    });
    await eventually(() => finished([again]), 'the second take');
    board = await call<Storyboard>('boards.chooseTake', {
      id: board.id,
      shotId: board.shots[1]?.id,
      jobId: again?.id,
    });
    expect(board.shots[1]?.takes).toHaveLength(2);
    expect(board.shots[1]?.chosenJobId).toBe(again?.id);
    expect(fake.count('generate', 'POST')).toBe(4);

    // One film: three takes joined, a chapter per shot, filed in the library with its shots listed.
    const progress: number[] = [];
    const stop = app.services.bus.on('boards.progress', (event) => progress.push(event.fraction));
    const film = await call<LibraryItem>('boards.export', { id: board.id });
    stop();
    expect(progress.at(-1)).toBe(1);
    expect(film).toMatchObject({ title: 'Three shots', model: null });
    expect(film.duration).toBeCloseTo(6, 0);
    const file = (await app.services.library.current().mediaFile('video', film.id)) ?? '';
    const facts = await probe(file);
    expect(Number(facts.format.duration)).toBeCloseTo(6, 1);
    expect(facts.chapters.map((chapter) => chapter.tags?.title)).toEqual(['1. One', '2. Two', '3. Three']);
    const sidecar = JSON.parse(await readFile(file.replace(/\.mp4$/, '.reelbench.json'), 'utf8')) as {
      sequence: { boardId: string; shots: { jobId: string; start: number }[] };
    };
    expect(sidecar.sequence.boardId).toBe(board.id);
    expect(sidecar.sequence.shots.map((shot) => shot.jobId)).toEqual([
      board.shots[0]?.takes[0]?.jobId,
      again?.id,
      board.shots[2]?.takes[0]?.jobId,
    ]);
    expect(sidecar.sequence.shots.map((shot) => Math.round(shot.start))).toEqual([0, 2, 4]);

    // The same board from a terminal, on the same data folder (the app closed, or still running beside it).
    const env = { REELBENCH_LIBRARY_DIR: testLibraryRoot(app.paths) };
    const listed = await runCliWith(env, app.paths.dataDir, 'board', 'list', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({
      ok: true,
      boards: [{ id: board.id, title: 'Three shots', shots: 3, withTake: 3, updatedAt: expect.any(String) }],
    });
    const shown = await runCliWith(env, app.paths.dataDir, 'board', 'show', board.id.slice(0, 8), '--json');
    const shots = (
      JSON.parse(shown.stdout) as { board: { shots: { chosen: { path: string } | null; takes: unknown[] }[] } }
    ).board.shots;
    expect(shots.map((shot) => shot.takes.length)).toEqual([1, 2, 1]);
    expect(shots[1]?.chosen?.path).toBe(
      await app.services.library.current().mediaFile('video', board.shots[1]?.takes[1]?.itemId ?? ''),
    );
    const human = await runCliWith(env, app.paths.dataDir, 'board', 'show', board.id);
    expect(human.stdout).toContain('2. Two');
    expect(human.stdout).toContain('sora-2-preview duration=4 · 2 takes');
    const out = path.join(app.paths.dataDir, '..', 'film.mp4');
    const exported = await runCliWith(env, app.paths.dataDir, 'board', 'export', board.id, '--out', out);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(`Joined 3 shots into ${out}`);
    expect((await probe(out)).chapters).toHaveLength(3);
    const missing = await runCliWith(env, app.paths.dataDir, 'board', 'export', board.id);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('board export needs --out FILE.mp4');
  });
});
