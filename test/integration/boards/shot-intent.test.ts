import { afterEach, describe, expect, it } from 'vitest';
import type { Storyboard } from '../../../shared/boards/board-models';
import type { RecastPlan, RecastSuggestions } from '../../../shared/boards/recast-models';
import type { ModelCatalog } from '../../../shared/catalog/video-model';
import type { Draft } from '../../../shared/drafts/draft-models';
import type { Job } from '../../../shared/jobs/job-models';
import { startFakeApimart, type FakeApimart } from '../../fake-apimart/fake-server.ts';
import { eventually } from '../../support/eventually';
import { keychainGate } from '../../support/keychain-probe';
import { setupServices, type ServicesSetup } from '../../support/main-services-setup';
import { ipcCaller, type IpcAnswer as Answer } from '../../support/ipc-call';

const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

let app: ServicesSetup;
let fake: FakeApimart;
afterEach(async () => {
  await app.close();
  await fake.close();
});

const call = ipcCaller(() => app);
const start = async () => {
  fake = await startFakeApimart({ estimatedSeconds: 0 });
  app = await setupServices(fake.baseUrl, {}, { pollMs: 50 });
  await call('key.set', { value: fake.apiKey });
};
/** The prompts APIMart received, once `count` generations have arrived. */
const sentPrompts = async (count: number) => {
  await eventually(() => fake.tasks.size >= count, `${count} generations to reach APIMart`);
  return [...fake.tasks.values()].map((task) => task.generation);
};

describe.skipIf(gate.skip)('a shot’s intent, as it is sent', () => {
  it('a draft’s camera is sent as words in the prompt where the model has no camera field; the draft keeps its own prompt', async () => {
    await start();
    const draft = await call<Draft>('drafts.create', { prompt: 'A lighthouse at dusk' });
    const edited = await call<Draft>('drafts.update', {
      id: draft.id,
      patch: {
        model: 'wan2.6',
        params: { duration: 5 },
        camera: { move: 'push-in', strength: 0.2 },
        modelExtras: { 'veo3.1-fast-official': { seed: 7 } },
      },
    });
    expect(edited).toMatchObject({
      camera: { move: 'push-in', strength: 0.2 },
      modelExtras: { 'veo3.1-fast-official': { seed: 7 } },
    });
    await call<Job>('drafts.generate', { id: draft.id });
    const [sent] = await sentPrompts(1);
    expect(sent?.prompt).toBe('A lighthouse at dusk\n\nSlowly, the camera pushes in.');
    expect(sent?.body).not.toHaveProperty('camera');
    expect((await call<Draft>('drafts.get', { id: draft.id })).prompt).toBe('A lighthouse at dusk');
  });

  it('a shot’s camera follows its model’s words; recast over IPC moves only the confirmed shot and queues only its take', async () => {
    await start();
    let board = await call<Storyboard>('boards.create', { title: 'Coast' });
    for (const prompt of ['The keeper climbs', 'The lamp turns']) {
      board = await call<Storyboard>('boards.addShot', { id: board.id });
      board = await call<Storyboard>('boards.updateShot', {
        id: board.id,
        shotId: board.shots.at(-1)?.id,
        patch: {
          prompt,
          model: 'veo3.1-fast-official',
          params: { duration: 6 },
          camera: { move: 'orbit', strength: 0.5 },
        },
      });
    }
    const [first, second] = board.shots.map((shot) => shot.id);
    const plan = await call<RecastPlan>('boards.recastPlan', {
      id: board.id,
      target: { perShot: { [first ?? '']: 'kling-v3' } },
    });
    expect(plan.rows.map((row) => row.after?.model)).toEqual(['kling-v3', 'veo3.1-fast-official']);
    expect(plan.rows[0]?.after?.prompt).toBe('The keeper climbs\n\nThe camera surrounds the subject.');
    expect(plan.rows[0]?.changes).toContainEqual({
      what: 'camera',
      from: 'orbit',
      to: 'prompt phrase',
      why: 'no camera field',
    });
    expect(plan.rows[1]?.before.prompt).toBe('The lamp turns\n\nArc shot around the subject.');
    expect(fake.tasks.size).toBe(0);

    const refused = (await app.call('boards.recast', {
      id: board.id,
      target: { model: 'kling-v3' },
      shotIds: [],
    })) as Answer;
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalidInput' } });

    const { board: recast, jobs } = await call<{ board: Storyboard; jobs: Job[] }>('boards.recast', {
      id: board.id,
      target: { model: 'kling-v3' },
      shotIds: [first],
    });
    expect(jobs).toHaveLength(1);
    expect(recast.shots.map((shot) => [shot.model, shot.takes.length])).toEqual([
      ['kling-v3', 1],
      ['veo3.1-fast-official', 0],
    ]);
    expect(recast.shots[0]).toMatchObject({
      prompt: 'The keeper climbs',
      params: { duration: 6 },
      camera: { move: 'orbit' },
    });
    expect(recast.shots.find((shot) => shot.id === second)?.params).toEqual({ duration: 6 });
    const [sent] = await sentPrompts(1);
    expect(sent).toMatchObject({ model: 'kling-v3', prompt: 'The keeper climbs\n\nThe camera surrounds the subject.' });
  });

  it('suggests the cheapest model every shot fits and the sharpest within a budget, both from the plans themselves', async () => {
    await start();
    await call('models.refresh', { force: true });
    let board = await call<Storyboard>('boards.create', { title: 'Suggest' });
    for (const [prompt, duration] of [
      ['The bay', 4],
      ['The lamp', 8],
    ] as const) {
      board = await call<Storyboard>('boards.addShot', { id: board.id });
      board = await call<Storyboard>('boards.updateShot', {
        id: board.id,
        shotId: board.shots.at(-1)?.id,
        patch: { prompt, model: 'veo3.1-fast-official', params: { duration, resolution: '1080p' } },
      });
    }
    const catalog = await call<ModelCatalog>('models.catalog');
    // Every model's own table, read the way the window reads it: fits when nothing is dropped or shortened.
    const plans = await Promise.all(
      catalog.models.map((model) =>
        call<RecastPlan>('boards.recastPlan', { id: board.id, target: { model: model.id } }),
      ),
    );
    const fitting = plans.filter(
      (plan) =>
        plan.totalAfter !== null &&
        plan.rows.every(
          (row) =>
            row.after !== null &&
            !row.blocked &&
            row.after.seconds >= row.before.seconds &&
            row.changes.every((change) => change.to !== null && change.what !== 'shape'),
        ),
    );
    expect(fitting.length).toBeGreaterThan(2);
    const lowest = Math.min(...fitting.map((plan) => plan.totalAfter ?? Infinity));
    const open = await call<RecastSuggestions>('boards.recastSuggestions', { id: board.id, budget: null });
    expect(open.cheapest?.total).toBe(lowest);
    expect(fitting.find((plan) => plan.rows[0]?.after?.model === open.cheapest?.model)?.totalAfter).toBe(lowest);
    // The sharpest affordable: each model at the sharpest it offers; within $1 that is Kling 3 in 4K (12 s at
    // $0.0672), cheaper than Veo 3.1 Fast's 4K ($0.96).
    const within = await call<RecastSuggestions>('boards.recastSuggestions', { id: board.id, budget: 1 });
    expect(within.best).toMatchObject({ model: 'kling-v3', resolution: '4k', total: 0.8064 });
    const raised = await call<RecastPlan>('boards.recastPlan', {
      id: board.id,
      target: { model: 'kling-v3', resolution: '4k' },
    });
    expect(raised.rows.map((row) => row.after?.params['mode'])).toEqual(['4k', '4k']);
    // Under $0.70 nothing in 4K fits; the sharpest there is full HD.
    const lower = await call<RecastSuggestions>('boards.recastSuggestions', { id: board.id, budget: 0.7 });
    expect(lower.best?.resolution).toBe('full-hd');
    expect(lower.best?.total).toBeLessThanOrEqual(0.7);
    const tight = await call<RecastSuggestions>('boards.recastSuggestions', { id: board.id, budget: 0.01 });
    expect(tight.best).toBeNull();
  });
});
