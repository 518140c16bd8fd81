import { afterEach, describe, expect, it } from 'vitest';
import { setupApimart, type ApimartSetup } from '../../support/apimart-setup';

let setup: ApimartSetup;
afterEach(async () => {
  await setup.close();
});

const request = { model: 'sora-2-preview', prompt: 'a lighthouse in fog', params: { duration: 4 } };

describe('idempotent calls retry transient faults', () => {
  it('honours Retry-After on 429 and then succeeds', async () => {
    setup = await setupApimart();
    setup.fake.inject('balance', {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '3' },
      body: { error: { message: 'Too many requests' } },
    });
    await expect(setup.client.getBalance()).resolves.toMatchObject({ remaining: 100 });
    expect(setup.fake.count('balance')).toBe(2);
    expect(setup.sleeps).toEqual([3_000]);
  });

  it('backs off exponentially (with jitter) through 5xx answers', async () => {
    setup = await setupApimart();
    setup.fake.inject('task', { kind: 'status', status: 502 }, 3);
    const { taskId } = await setup.client.createVideo(request);
    await expect(setup.client.getTask(taskId)).resolves.toMatchObject({ status: 'pending' });
    expect(setup.fake.count('task')).toBe(4);
    // random() is 0.5 in these tests: half of 500, 1000, 2000 ms.
    expect(setup.sleeps).toEqual([250, 500, 1000]);
  });

  it('gives up after the last attempt with a server error that names the status', async () => {
    setup = await setupApimart();
    setup.fake.inject('balance', { kind: 'status', status: 500, body: { success: false, message: 'db down' } }, 10);
    await expect(setup.client.getBalance()).rejects.toMatchObject({
      code: 'server',
      message: 'APIMart had a problem on its side (HTTP 500).',
    });
    expect(setup.fake.count('balance')).toBe(4);
  });

  it('does not wait out an absurd Retry-After: the caller gets rateLimited with the wait', async () => {
    setup = await setupApimart();
    setup.fake.inject('balance', { kind: 'status', status: 429, headers: { 'retry-after': '600' } });
    await expect(setup.client.getBalance()).rejects.toMatchObject({
      code: 'rateLimited',
      detail: { retryAfterMs: 600_000 },
    });
    expect(setup.fake.count('balance')).toBe(1);
  });

  it('retries a dropped connection on an upload-free GET', async () => {
    setup = await setupApimart();
    setup.fake.inject('balance', { kind: 'drop' });
    await expect(setup.client.getBalance()).resolves.toMatchObject({ remaining: 100 });
    expect(setup.fake.count('balance')).toBe(2);
  });

  it('times out a hung call, retries, and reports a timeout when it keeps hanging', async () => {
    setup = await setupApimart({}, { timeoutMs: 150 });
    setup.fake.inject('balance', { kind: 'hang' }, 10);
    const error = await setup.client.getBalance().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'timeout' });
    expect(setup.fake.count('balance')).toBe(4);
  });

  it('stops at once when the caller aborts, even mid-hang', async () => {
    setup = await setupApimart({}, { timeoutMs: 10_000 });
    setup.fake.inject('balance', { kind: 'hang' });
    const controller = new AbortController();
    const pending = setup.client.getBalance({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(setup.fake.count('balance')).toBe(1);
  });
});

describe('createVideo is billed: never retried once the request may have reached the server', () => {
  it.each([
    ['a 500', { kind: 'status', status: 500 } as const, 'server'],
    ['a 503', { kind: 'status', status: 503, body: { code: 503, message: 'busy' } } as const, 'server'],
    ['a 429', { kind: 'status', status: 429, headers: { 'retry-after': '1' } } as const, 'rateLimited'],
    ['a dropped connection', { kind: 'drop' } as const, 'network'],
    ['a hang past the timeout', { kind: 'hang' } as const, 'timeout'],
  ])('%s → one POST, %s error', async (_name, fault, code) => {
    setup = await setupApimart({}, { timeoutMs: 200 });
    setup.fake.inject('generate', fault);
    await expect(setup.client.createVideo(request)).rejects.toMatchObject({ code });
    expect(setup.fake.count('generate', 'POST')).toBe(1);
    expect(setup.sleeps).toEqual([]);
  });

  it('a connection dropped after the server did the work: billed once, never twice', async () => {
    setup = await setupApimart();
    setup.fake.inject('generate', { kind: 'dropAfterWork' });
    await expect(setup.client.createVideo(request)).rejects.toMatchObject({ code: 'network' });
    expect(setup.fake.count('generate', 'POST')).toBe(1);
    expect(setup.fake.tasks.size).toBe(1);
    expect(setup.fake.balance()).toBeCloseTo(100 - 4 * 0.01);
  });

  it('a 402 is insufficientBalance with a next step', async () => {
    setup = await setupApimart();
    setup.fake.inject('generate', {
      kind: 'status',
      status: 402,
      body: { error: { message: 'Insufficient balance' } },
    });
    await expect(setup.client.createVideo(request)).rejects.toMatchObject({
      code: 'insufficientBalance',
      action: 'Top up your balance on APIMart, then try again.',
    });
  });

  it('a 400 carries the server message, whichever body shape it came in', async () => {
    setup = await setupApimart();
    setup.fake.inject('generate', {
      kind: 'status',
      status: 400,
      body: { success: false, message: 'prompt too long for this model' },
    });
    await expect(setup.client.createVideo(request)).rejects.toMatchObject({
      code: 'invalidRequest',
      message: 'APIMart refused the request: prompt too long for this model',
    });
  });
});

describe('unreadable answers', () => {
  it('maps malformed JSON to malformed and keeps the raw body for the log', async () => {
    setup = await setupApimart();
    setup.fake.inject('generate', { kind: 'malformedJson' });
    const error = await setup.client.createVideo(request).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'malformed', detail: { rawBody: '{"code": 200, "data": [{"status": "subm' } });
  });

  it('treats a 200 without a task id as malformed, not success', async () => {
    setup = await setupApimart();
    setup.fake.inject('generate', {
      kind: 'status',
      status: 200,
      body: { code: 200, data: [{ status: 'submitted' }] },
    });
    await expect(setup.client.createVideo(request)).rejects.toMatchObject({
      code: 'malformed',
      message: expect.stringContaining('no task id'),
    });
  });
});

describe('the key never leaks', () => {
  it('is redacted from error messages, kept bodies and logs even when the server echoes it', async () => {
    setup = await setupApimart();
    const key = setup.fake.apiKey;
    setup.fake.inject(
      'balance',
      { kind: 'status', status: 503, body: { error: { message: `upstream rejected token ${key}` } } },
      2,
    );
    setup.fake.inject('generate', {
      kind: 'status',
      status: 400,
      body: { code: 400, message: `bad request for key ${key}` },
    });
    await setup.client.getBalance();
    const error = await setup.client.createVideo(request).catch((caught: unknown) => caught);
    const everything = JSON.stringify({
      message: (error as Error).message,
      detail: (error as { detail: unknown }).detail,
      stack: (error as Error).stack,
      logs: setup.logger.lines,
    });
    expect(everything).toContain('[redacted]');
    expect(everything).not.toContain(key);
  });

  it('is never sent to the download host', async () => {
    setup = await setupApimart({ estimatedSeconds: 5 });
    const { taskId } = await setup.client.createVideo(request);
    setup.fake.clock.advance(6_000);
    const task = await setup.client.getTask(taskId);
    if (task.status !== 'completed') throw new Error('task did not complete');
    await setup.client.download(task.video.url, `${setup.dir}/video.mp4`);
    const downloads = setup.fake.requests.filter((entry) => entry.route === 'video');
    expect(downloads.length).toBeGreaterThan(0);
    expect(downloads.every((entry) => entry.headers['authorization'] === undefined)).toBe(true);
  });
});
