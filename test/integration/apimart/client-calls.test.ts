import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestValidationError } from '../../../electron/services/apimart/apimart-client';
import { createApimartClient } from '../../../electron/services/apimart/apimart-client';
import { catalogSchema } from '../../../shared/catalog/catalog-schema';
import type { Language } from '../../../shared/i18n/languages';
import { MODEL_CATALOG } from '../../../shared/catalog/model-catalog';
import { setupApimart, type ApimartSetup } from '../../support/apimart-setup';

let setup: ApimartSetup;
afterEach(async () => {
  await setup.close();
});

async function pngFile(name: string, width: number, height: number): Promise<string> {
  const file = path.join(setup.dir, name);
  await sharp({ create: { width, height, channels: 3, background: '#4060c0' } })
    .png()
    .toFile(file);
  return file;
}

function lastGenerationBody(): Record<string, unknown> {
  const [task] = [...setup.fake.tasks.values()].slice(-1);
  if (!task) throw new Error('the fake received no generation');
  return task.generation as unknown as Record<string, unknown>;
}

describe('uploadImage', () => {
  it('uploads a real image as multipart and returns a URL that serves the same bytes', async () => {
    setup = await setupApimart();
    const file = await pngFile('frame.png', 1280, 720);
    const uploaded = await setup.client.uploadImage({ path: file });
    expect(uploaded.url).toMatch(new RegExp(`^${setup.fake.baseUrl}/f/image/[0-9a-f]+\\.png$`));
    expect(uploaded.contentType).toBe('image/png');
    expect(uploaded.bytes).toBe((await readFile(file)).length);
    expect(uploaded.expiresAt - uploaded.uploadedAt).toBe(72 * 3600 * 1000);
    const served = Buffer.from(await (await fetch(uploaded.url)).arrayBuffer());
    expect(served.equals(await readFile(file))).toBe(true);
  });

  it('refuses a file that is not an image, before any network call', async () => {
    setup = await setupApimart();
    const file = path.join(setup.dir, 'notes.png');
    await writeFile(file, 'just text pretending to be a png');
    await expect(setup.client.uploadImage({ path: file })).rejects.toBeInstanceOf(RequestValidationError);
    expect(setup.fake.count('upload')).toBe(0);
  });

  it('refuses an image over the 10 MB generation limit, before any network call', async () => {
    setup = await setupApimart();
    const file = path.join(setup.dir, 'huge.png');
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    await writeFile(file, Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)]));
    await expect(setup.client.uploadImage({ path: file })).rejects.toThrow(/larger than 10 MB/);
    expect(setup.fake.count('upload')).toBe(0);
  });
});

describe('createVideo', () => {
  it('sends only the fields the standard model accepts, with aliases resolved', async () => {
    setup = await setupApimart();
    const { taskId } = await setup.client.createVideo({
      model: 'sora-2-preview',
      prompt: '  a red fox in snow ',
      duration: 8,
      aspect: '9:16',
    });
    expect(taskId).toMatch(/^task_/);
    expect(lastGenerationBody()).toMatchObject({
      model: 'sora-2-preview',
      prompt: 'a red fox in snow',
      duration: 8,
      aspect: 'portrait',
      resolution: null,
    });
    const sent = setup.fake.requests.find((request) => request.route === 'generate');
    expect(sent?.headers['content-type']).toBe('application/json');
  });

  it('sends resolution to the pro model and passes the reference image URL', async () => {
    setup = await setupApimart();
    const file = await pngFile('ref.png', 1792, 1024);
    const { url } = await setup.client.uploadImage({ path: file });
    await setup.client.createVideo({
      model: 'sora-2-pro-preview',
      prompt: 'city at night',
      duration: 12,
      aspect: 'landscape',
      resolution: 'high',
      imageUrls: [url],
    });
    expect(lastGenerationBody()).toMatchObject({ model: 'sora-2-pro-preview', resolution: 'high', imageUrls: [url] });
  });

  it('validates before the network: nothing is sent, nothing is billed', async () => {
    setup = await setupApimart();
    const attempt = setup.client.createVideo({
      model: 'sora-2-preview',
      prompt: '',
      duration: 5,
      aspect: '1:1',
      resolution: 'high',
    });
    const error = await attempt.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues.map((issue) => issue.field)).toEqual([
      'prompt',
      'duration',
      'aspect',
      'resolution',
    ]);
    expect(setup.fake.count('generate')).toBe(0);
    expect(setup.fake.balance()).toBe(100);
  });

  it('says plainly when the server no longer knows a model, pointing at the model setting', async () => {
    setup = await setupApimart({ models: [{ id: 'sora-2-pro-preview', resolutions: ['standard', 'high'] }] });
    const error = await setup.client
      .createVideo({ model: 'sora-2-preview', prompt: 'a boat' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'unknownModel' });
    expect((error as Error).message).toBe('APIMart does not offer the model "sora-2-preview" (any more).');
    expect((error as { action: string }).action).toMatch(/model setting/);
  });

  it('takes a new model as a data change to the catalog', async () => {
    setup = await setupApimart({ models: [{ id: 'sora-2', resolutions: null }] });
    const firstModel = MODEL_CATALOG.models[0];
    if (!firstModel) throw new Error('catalog has no models');
    const catalog = catalogSchema.parse({
      ...MODEL_CATALOG,
      defaultModel: 'sora-2',
      models: [{ ...firstModel, id: 'sora-2', label: 'Sora 2 (GA)' }],
    });
    const client = createApimartClient({
      fetch,
      baseUrl: setup.fake.baseUrl,
      keySource: { read: async () => setup.fake.apiKey },
      catalog,
    });
    await expect(client.createVideo({ model: 'sora-2', prompt: 'a kite' })).resolves.toMatchObject({
      taskId: expect.stringMatching(/^task_/),
    });
    expect(lastGenerationBody()).toMatchObject({ model: 'sora-2', duration: 4, aspect: 'landscape' });
  });

  it('bills the account', async () => {
    setup = await setupApimart({ balance: 1, pricePerSecond: 0.05 });
    await setup.client.createVideo({ model: 'sora-2-preview', prompt: 'one', duration: 12 });
    expect(setup.fake.balance()).toBeCloseTo(0.4);
    const error = await setup.client
      .createVideo({ model: 'sora-2-preview', prompt: 'two', duration: 12 })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'insufficientBalance', message: 'Your APIMart balance is too low for this.' });
  });
});

describe('getTask', () => {
  it("asks for the task's messages in the reader's language (language=en|zh|ko|ja)", async () => {
    setup = await setupApimart();
    const { taskId } = await setup.client.createVideo({ model: 'sora-2-preview', prompt: 'waves' });
    let language: Language = 'ko';
    const client = createApimartClient({
      fetch: (url, init) => fetch(url, init),
      baseUrl: setup.fake.baseUrl,
      keySource: { read: async () => setup.fake.apiKey },
      language: () => language,
    });
    await client.getTask(taskId);
    language = 'zh';
    await client.getTask(taskId);
    const polls = setup.fake.requests.filter((entry) => entry.route === 'task');
    expect(polls.map((entry) => entry.query)).toEqual(['?language=ko', '?language=zh']);
  });

  it('follows a task from pending through rising progress to a completed video', async () => {
    setup = await setupApimart({ estimatedSeconds: 40 });
    const { taskId } = await setup.client.createVideo({ model: 'sora-2-preview', prompt: 'waves' });
    const first = await setup.client.getTask(taskId);
    expect(first).toMatchObject({ id: taskId, status: 'pending', progress: 0, estimatedSeconds: 40 });
    const progress: number[] = [];
    for (let second = 0; second < 30; second += 5) {
      setup.fake.clock.advance(5_000);
      const snapshot = await setup.client.getTask(taskId);
      expect(snapshot.status).toBe('processing');
      progress.push(snapshot.progress);
    }
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toBeGreaterThan(progress[0] ?? 0);
    setup.fake.clock.advance(15_000);
    const done = await setup.client.getTask(taskId);
    if (done.status !== 'completed') throw new Error(`expected completed, got ${done.status}`);
    expect(done.progress).toBe(100);
    expect(done.video.url).toBe(`${setup.fake.baseUrl}/f/video/${taskId}.mp4`);
    expect(done.video.expiresAt).toBeGreaterThan(setup.fake.clock.now() + 23 * 3600 * 1000);
  });

  it('accepts a video url sent as a single string', async () => {
    setup = await setupApimart({ urlShape: 'string', estimatedSeconds: 10 });
    const { taskId } = await setup.client.createVideo({ model: 'sora-2-preview', prompt: 'rain' });
    setup.fake.clock.advance(11_000);
    await expect(setup.client.getTask(taskId)).resolves.toMatchObject({
      status: 'completed',
      video: { url: expect.stringContaining(taskId) },
    });
  });

  it('classifies a content-policy refusal apart from other failures', async () => {
    setup = await setupApimart({ estimatedSeconds: 10 });
    setup.fake.failNextTask('Your request was rejected as a result of our safety system.');
    const refused = await setup.client.createVideo({ model: 'sora-2-preview', prompt: 'something refused' });
    setup.fake.failNextTask('Upstream generation error, please retry');
    const broken = await setup.client.createVideo({ model: 'sora-2-preview', prompt: 'something broken' });
    setup.fake.clock.advance(11_000);
    await expect(setup.client.getTask(refused.taskId)).resolves.toMatchObject({
      status: 'failed',
      failure: { kind: 'contentPolicy', reason: 'Your request was rejected as a result of our safety system.' },
    });
    await expect(setup.client.getTask(broken.taskId)).resolves.toMatchObject({
      status: 'failed',
      failure: { kind: 'other' },
    });
  });

  it('reports a cancelled task', async () => {
    setup = await setupApimart();
    const { taskId } = await setup.client.createVideo({ model: 'sora-2-preview', prompt: 'stop' });
    const task = setup.fake.tasks.get(taskId);
    if (task) task.cancelled = true;
    await expect(setup.client.getTask(taskId)).resolves.toMatchObject({ status: 'cancelled' });
  });
});

describe('getBalance and the key', () => {
  it('reads the balance', async () => {
    setup = await setupApimart({ balance: 12.5 });
    await expect(setup.client.getBalance()).resolves.toEqual({ remaining: 12.5, used: 0, unlimited: false });
  });

  it('maps a rejected key to auth and a missing key to noKey without a request', async () => {
    setup = await setupApimart();
    setup.key = 'sk-wrong-key-123456';
    await expect(setup.client.getBalance()).rejects.toMatchObject({
      code: 'auth',
      message: 'This key was rejected by APIMart.',
    });
    const before = setup.fake.requests.length;
    setup.key = null;
    await expect(setup.client.getBalance()).rejects.toMatchObject({ code: 'noKey' });
    expect(setup.fake.requests.length).toBe(before);
  });

  it('reads the key for every call, so a replaced key is used at once', async () => {
    setup = await setupApimart();
    await setup.client.getBalance();
    setup.key = 'sk-replaced-but-wrong';
    await expect(setup.client.getBalance()).rejects.toMatchObject({ code: 'auth' });
    expect(setup.fake.requests.map((request) => request.authorized)).toEqual([true, false]);
  });
});

describe('createVideo with an Idempotency-Key (API contract of 2026-07-27)', () => {
  const request = { model: 'sora-2-preview', prompt: 'A tide pool at dawn', duration: 4, aspect: 'landscape' } as const;

  it('sends the key and the response version, reads the newer answer, and learns of a replay', async () => {
    setup = await setupApimart();
    const first = await setup.client.createVideo(request, { idempotencyKey: 'reelbench-job-1' });
    expect(first).toEqual({ taskId: expect.stringMatching(/^task_/), replayed: false });
    const again = await setup.client.createVideo(request, { idempotencyKey: 'reelbench-job-1' });
    expect(again).toEqual({ taskId: first.taskId, replayed: true });
    expect(setup.fake.tasks.size).toBe(1);
    expect(setup.fake.balance()).toBeCloseTo(100 - 4 * 0.01);
    const sent = setup.fake.requests.filter((entry) => entry.route === 'generate');
    expect(
      sent.map((entry) => [entry.headers['idempotency-key'], entry.headers['x-apimart-response-version']]),
    ).toEqual([
      ['reelbench-job-1', '2026-07-27'],
      ['reelbench-job-1', '2026-07-27'],
    ]);
  });

  it('gets a 409 for the same key with another request, and bills nothing more', async () => {
    setup = await setupApimart();
    await setup.client.createVideo(request, { idempotencyKey: 'reelbench-job-2' });
    await expect(
      setup.client.createVideo({ ...request, prompt: 'Another prompt' }, { idempotencyKey: 'reelbench-job-2' }),
    ).rejects.toMatchObject({ code: 'invalidRequest', detail: { status: 409 } });
    expect(setup.fake.tasks.size).toBe(1);
  });

  it('refuses a key APIMart would refuse, before sending anything', async () => {
    setup = await setupApimart();
    await expect(setup.client.createVideo(request, { idempotencyKey: 'has spaces' })).rejects.toMatchObject({
      code: 'internal',
    });
    await expect(setup.client.createVideo(request, { idempotencyKey: 'x'.repeat(192) })).rejects.toMatchObject({
      code: 'internal',
    });
    expect(setup.fake.count('generate')).toBe(0);
  });

  it('still reads the original answer shape (data: [{ task_id }])', async () => {
    setup = await setupApimart();
    const { taskId } = await setup.fake.generate({ model: 'sora-2-preview', prompt: 'old shape', duration: 4 });
    expect(taskId).toMatch(/^task_/);
  });
});
