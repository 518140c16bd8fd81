import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestValidationError } from '../../../electron/services/apimart/apimart-client';
import { createApimartClient } from '../../../electron/services/apimart/apimart-client';
import { mergeCatalog } from '../../../shared/catalog/model-catalog';
import type { Language } from '../../../shared/i18n/languages';
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
  return { ...task.generation.body };
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
  it("sends the model's own fields, prompt trimmed, and nothing it does not take", async () => {
    setup = await setupApimart();
    const { taskId } = await setup.client.createVideo({
      model: 'sora-2-preview',
      prompt: '  a red fox in snow ',
      params: { duration: 8, aspect_ratio: '9:16' },
    });
    expect(taskId).toMatch(/^task_/);
    expect(lastGenerationBody()).toEqual({
      model: 'sora-2-preview',
      prompt: 'a red fox in snow',
      duration: 8,
      aspect_ratio: '9:16',
    });
    const sent = setup.fake.requests.find((request) => request.route === 'generate');
    expect(sent?.headers['content-type']).toBe('application/json');
  });

  it('fills in the shape and duration a request leaves out, so the job records what it asked for', async () => {
    setup = await setupApimart();
    await setup.client.createVideo({ model: 'sora-2-preview', prompt: 'dusk' });
    expect(lastGenerationBody()).toEqual({
      model: 'sora-2-preview',
      prompt: 'dusk',
      duration: 4,
      aspect_ratio: 'landscape',
    });
  });

  it('sends resolution to the pro model and the image in its field', async () => {
    setup = await setupApimart();
    const file = await pngFile('ref.png', 1792, 1024);
    const { url } = await setup.client.uploadImage({ path: file });
    await setup.client.createVideo({
      model: 'sora-2-pro-preview',
      prompt: 'city at night',
      params: { duration: 12, aspect_ratio: 'landscape', resolution: 'high' },
      images: [{ role: 'first', url }],
    });
    expect(lastGenerationBody()).toMatchObject({ model: 'sora-2-pro-preview', resolution: 'high', image_urls: [url] });
  });

  it('validates against the model before the network, naming each field and what it accepts', async () => {
    setup = await setupApimart();
    const error = await setup.client
      .createVideo({
        model: 'sora-2-preview',
        prompt: '',
        params: { duration: 5, aspect_ratio: '1:1', resolution: 'high' },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestValidationError);
    const issues = (error as RequestValidationError).issues;
    expect(issues.map((issue) => issue.field)).toEqual(['prompt', 'duration', 'aspect_ratio', 'resolution']);
    expect(issues[1]?.message).toBe("Sora 2's duration takes 4, 8 or 12, not 5.");
    expect(issues[3]?.message).toMatch(/^Sora 2 has no parameter "resolution"; it takes duration, aspect_ratio\.$/);
    expect(setup.fake.count('generate')).toBe(0);
    expect(setup.fake.balance()).toBe(100);
  });

  it('refuses an integer range, a wrong type and too many images before anything is sent', async () => {
    setup = await setupApimart();
    const error = await setup.client
      .createVideo({
        model: 'kling-v3',
        prompt: 'a kite',
        params: { duration: 16, mode: 'ultra', sound: 'yes' },
        images: [
          { role: 'first', url: 'https://upload.apimart.ai/f/image/a.png' },
          { role: 'reference', url: 'https://upload.apimart.ai/f/image/b.png' },
        ],
      })
      .catch((caught: unknown) => caught);
    const messages = (error as RequestValidationError).issues.map((issue) => issue.message);
    expect(messages).toEqual([
      "Kling 3's duration takes a whole number from 3 to 15, not 16.",
      'Kling 3\'s mode takes std, pro or 4k, not "ultra".',
      'Kling 3\'s sound takes true or false, not "yes".',
      'Kling 3 takes no reference image.',
    ]);
    expect(setup.fake.count('generate')).toBe(0);
  });

  it('says plainly when APIMart no longer offers a model', async () => {
    setup = await setupApimart({ retired: ['sora-2-preview'] });
    const error = await setup.client
      .createVideo({ model: 'sora-2-preview', prompt: 'a boat' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'unknownModel' });
    expect((error as Error).message).toBe('The model "sora-2-preview" is no longer offered — choose another.');
  });

  it('puts each family’s fields and images where that model takes them', async () => {
    setup = await setupApimart();
    const first = (await setup.client.uploadImage({ path: await pngFile('first.png', 1280, 720) })).url;
    const last = (await setup.client.uploadImage({ path: await pngFile('last.png', 1280, 720) })).url;
    const frames = [
      { role: 'first', url: first },
      { role: 'last', url: last },
    ] as const;
    await setup.client.createVideo({
      model: 'veo3.1-fast-official',
      prompt: 'a lighthouse',
      params: { duration: 6, resolution: '1080p', seed: 42, generate_audio: false },
      images: [...frames],
    });
    expect(lastGenerationBody()).toEqual({
      model: 'veo3.1-fast-official',
      prompt: 'a lighthouse',
      duration: 6,
      aspect_ratio: '16:9',
      resolution: '1080p',
      seed: 42,
      generate_audio: false,
      first_frame_image: first,
      last_frame_image: last,
    });
    // Kling takes both frames in one list: position is the role, first then last, whatever order they came in.
    await setup.client.createVideo({
      model: 'kling-v3',
      prompt: 'a lighthouse',
      params: { duration: 10, aspect_ratio: '1:1', mode: 'pro' },
      images: [frames[1], frames[0]],
    });
    expect(lastGenerationBody()).toMatchObject({
      duration: 10,
      aspect_ratio: '1:1',
      mode: 'pro',
      image_urls: [first, last],
    });
    await setup.client.createVideo({
      model: 'doubao-seedance-2.0',
      prompt: 'a lighthouse',
      params: { size: 'adaptive', resolution: '480p', duration: 12 },
      images: [frames[0]],
    });
    expect(lastGenerationBody()).toMatchObject({ size: 'adaptive', resolution: '480p', first_frame_image: first });
    await setup.client.createVideo({ model: 'wan2.6', prompt: 'a lighthouse', params: { size: '9:16', duration: 15 } });
    expect(lastGenerationBody()).toMatchObject({ size: '9:16', duration: 15, resolution: '720p' });
    expect(setup.fake.count('generate')).toBe(4);
  });

  it('takes a model known only from its live schema', async () => {
    setup = await setupApimart();
    const schema = await setup.client.getModelSchema('nova-motion-video-1');
    const catalog = mergeCatalog({
      snapshot: [],
      live: new Map([['nova-motion-video-1', { schema, checkedAt: new Date().toISOString() }]]),
      listed: null,
      unavailable: new Set(),
      prices: {},
    });
    const client = createApimartClient({
      fetch,
      baseUrl: setup.fake.baseUrl,
      keySource: { read: async () => setup.fake.apiKey },
      catalog: () => catalog,
    });
    const start = (await client.uploadImage({ path: await pngFile('start.png', 2100, 900) })).url;
    await client.createVideo({
      model: 'nova-motion-video-1',
      prompt: 'a comet',
      params: { seconds: 10, ratio: '21:9', motion_strength: 0.5, loop: true },
      images: [{ role: 'first', url: start }],
    });
    expect(lastGenerationBody()).toEqual({
      model: 'nova-motion-video-1',
      prompt: 'a comet',
      seconds: 10,
      ratio: '21:9',
      quality: 'draft',
      motion_strength: 0.5,
      loop: true,
      start_image: start,
    });
  });

  it('is checked by the fake against the live schema: a field the snapshot names but APIMart does not is a 400', async () => {
    setup = await setupApimart();
    // The shipped snapshot calls Kling's audio switch `sound`; the fake (like a schema that moved on) says `enable_audio`.
    await expect(
      setup.client.createVideo({ model: 'kling-v3', prompt: 'a bell', params: { sound: true } }),
    ).rejects.toMatchObject({ code: 'invalidRequest', message: expect.stringMatching(/sound/) });
    expect(setup.fake.tasks.size).toBe(0);
  });

  it('bills the account for the seconds asked', async () => {
    setup = await setupApimart({ balance: 1, pricePerSecond: 0.05 });
    await setup.client.createVideo({ model: 'sora-2-preview', prompt: 'one', params: { duration: 12 } });
    expect(setup.fake.balance()).toBeCloseTo(0.4);
    const error = await setup.client
      .createVideo({ model: 'sora-2-preview', prompt: 'two', params: { duration: 12 } })
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
  const request = {
    model: 'sora-2-preview',
    prompt: 'A tide pool at dawn',
    params: { duration: 4, aspect_ratio: 'landscape' },
  };

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
