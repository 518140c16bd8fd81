import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { SNAPSHOT_CATALOG } from '../../../shared/catalog/model-catalog';
import { findModel } from '../../../shared/catalog/model-lookup';
import { toGenerationBody, validateGeneration } from '../../../shared/catalog/generation-request';
import { freePort } from '../../support/free-port';
import { readdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jobSchema, type Job } from '../../../shared/jobs/job-models';
import { downloadPathFor, idempotencyKeyFor } from '../../../electron/services/jobs/job-steps';
import { openJobStore } from '../../../electron/services/storage/job-store';
import { partialPathFor } from '../../../electron/services/apimart/download';
import { startFakeApimart } from '../../fake-apimart/fake-server.ts';
import { eventually } from '../../support/eventually';
import { setupRunner, type RunnerSetup } from '../../support/runner-setup';
import { translateRef } from '../../../shared/i18n/error-text';
import { translator } from '../../../shared/i18n/translator';
import { moveTo } from '../../../electron/services/jobs/job-change';
import { mp4Payload, mp4Filled } from '../../support/video-payload';

let setup: RunnerSetup;
afterEach(async () => {
  await setup.close();
});

const request = {
  prompt: 'survive a crash',
  model: 'sora-2-preview',
  params: { duration: 4, aspect_ratio: 'landscape' },
};

/** The body the app sends for `request`, as a process that died after sending it had sent it. */
function bodyOf(input: typeof request): Record<string, unknown> {
  const validated = validateGeneration(SNAPSHOT_CATALOG, input);
  const model = findModel(SNAPSHOT_CATALOG, input.model);
  if (!validated.ok || !model) throw new Error('the test request is invalid');
  return toGenerationBody(model, validated.request);
}

/**
 * What the disk holds when a process died just after recording "about to send the billed POST": a job in phase
 * submitting with its attempt (and the key it would carry, or none, as versions before keys wrote it).
 */
async function storedAsSubmitting(keyFor: (jobId: string) => string | null) {
  await setup.runner.stop();
  const job = setup.runner.enqueue(request);
  const record = setup.store.get(job.id);
  if (!record) throw new Error('job not stored');
  setup.store.save(
    moveTo(
      record,
      { phase: 'submitting' },
      { submitAttemptAt: new Date().toISOString(), idempotencyKey: keyFor(job.id) },
    ),
  );
  return job;
}

describe('surviving restarts and faults', () => {
  it('resumes polling after a restart mid-poll: exactly one POST', async () => {
    setup = await setupRunner({ estimatedSeconds: 120 });
    const job = setup.runner.enqueue(request);
    await eventually(
      () => setup.runner.get(job.id).phase === 'polling' && setup.fake.count('task') >= 2,
      'polling to start',
    );
    await setup.restart();
    const done = await setup.runner.settled(job.id);
    expect(done.phase).toBe('done');
    expect(setup.fake.count('generate', 'POST')).toBe(1);
  });

  it('resumes a download after a restart mid-download, with Range, byte-identical', async () => {
    const payload = mp4Payload(3 * 1024 * 1024);
    setup = await setupRunner({ videoPayload: payload, videoChunkDelayMs: 15 });
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.fake.videoBytesSent() > 512 * 1024, 'the download to be under way');
    await setup.restart();
    const done = await setup.runner.settled(job.id);
    expect(done.phase).toBe('done');
    const file = (await setup.library.current().mediaFile('video', done.libraryItemId ?? '')) ?? '';
    expect((await readFile(file)).equals(payload)).toBe(true);
    const ranges = setup.fake.requests
      .filter((entry) => entry.route === 'video')
      .map((entry) => entry.headers['range']);
    expect(ranges[0]).toBeUndefined();
    expect(ranges.slice(1).some((range) => typeof range === 'string' && /^bytes=[1-9]\d*-$/.test(range))).toBe(true);
    expect(setup.fake.count('generate', 'POST')).toBe(1);
  });

  it('after a crash between recording the billed POST and its answer, re-sends it with the same Idempotency-Key', async () => {
    setup = await setupRunner();
    const job = await storedAsSubmitting(idempotencyKeyFor);
    // The process sent the POST (APIMart made and billed the task) and died before recording the answer.
    const key = idempotencyKeyFor(job.id);
    const sent = await setup.fake.generate(bodyOf(request), key);
    await setup.restart();
    const settled = await setup.runner.settled(job.id);
    expect(settled).toMatchObject({ phase: 'done', taskId: sent.taskId, billedSeconds: 4 });
    expect(setup.fake.tasks.size).toBe(1);
    expect(setup.fake.replays()).toBe(1);
    expect(
      setup.fake.requests
        .filter((entry) => entry.route === 'generate')
        .map((entry) => entry.headers['idempotency-key']),
    ).toEqual([key, key]);
  });

  it('records the attempt and its Idempotency-Key on disk before the billed POST reaches APIMart', async () => {
    setup = await setupRunner();
    setup.fake.inject('generate', { kind: 'hangAfterWork' });
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.fake.tasks.size === 1, 'APIMart to receive the POST');
    const sentKey = setup.fake.requests.find((entry) => entry.route === 'generate')?.headers['idempotency-key'];
    // Another connection to the database, as the next process after a crash would open it.
    const onDisk = openJobStore(setup.paths.jobsFile);
    try {
      expect(onDisk.get(job.id)?.internals).toMatchObject({
        submitAttemptAt: expect.any(String),
        idempotencyKey: sentKey,
      });
      expect(sentKey).toBe(idempotencyKeyFor(job.id));
    } finally {
      onDisk.close();
    }
  });

  it('two runners on one data folder (the app and a CLI): when the network returns, only the lease holder sends the job', async () => {
    setup = await setupRunner();
    const port = await freePort();
    setup.baseUrl = `http://127.0.0.1:${port}`;
    const other = setup.beside();
    other.start();
    const job = setup.runner.enqueue(request);
    await eventually(
      () => other.list().some((seen) => seen.id === job.id && seen.waiting === 'network'),
      'both runners to see the job waiting',
    );
    setup.baseUrl = setup.fake.baseUrl;
    setup.runner.nudge();
    other.nudge();
    await setup.runner.settled(job.id);
    await other.settled(job.id);
    expect(setup.fake.count('generate', 'POST')).toBe(1);
    expect(setup.fake.tasks.size).toBe(1);
  });

  it('shows a job run by another process moving, from what it writes to the store', async () => {
    setup = await setupRunner({ estimatedSeconds: 300 });
    const seen: Job[] = [];
    // A second process that only watches (like `reelbench jobs` beside the app), hearing of every change.
    const watcher = setup.beside({ adopt: false, watchMs: 50, onChange: (job) => seen.push(job) });
    watcher.start();
    const job = setup.runner.enqueue(request);
    await setup.runner.settled(job.id);
    await eventually(
      () => seen.some((event) => event.id === job.id && event.phase === 'done'),
      'the watcher to see the job done',
    );
    const phases = seen.filter((event) => event.id === job.id).map((event) => event.phase);
    expect(phases).toContain('polling');
    expect(watcher.runBy(job.id)).toBeNull();
    expect(setup.fake.count('generate', 'POST')).toBe(1);
  });

  it('measures waits on a clock that only moves forward: a wall clock set back an hour does not stall a waiting job', async () => {
    let offset = 0;
    setup = await setupRunner({}, { now: () => Date.now() + offset });
    const port = await freePort();
    setup.baseUrl = `http://127.0.0.1:${port}`;
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).waiting === 'network', 'the job to wait for the network');
    offset = -3_600_000;
    setup.baseUrl = setup.fake.baseUrl;
    await expect(setup.runner.settled(job.id)).resolves.toMatchObject({ phase: 'done' });
  });

  it("tries the download once even when the computer clock is a day ahead of the link's expiry", async () => {
    setup = await setupRunner({}, { now: () => Date.now() + 48 * 3_600_000 });
    const job = await setup.runner.settled(setup.runner.enqueue(request).id);
    expect(job).toMatchObject({ phase: 'done' });
    expect(setup.fake.count('video')).toBeGreaterThan(0);
  });

  it('writes nothing from a step that was under way when another process took the job over', async () => {
    setup = await setupRunner({ estimatedSeconds: 100_000 });
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).phase === 'polling' && setup.fake.count('task') >= 1, 'polling');
    // The next poll hangs (the client gives up after 2 s); meanwhile another process takes the job over.
    setup.fake.inject('task', { kind: 'hang' });
    const polls = setup.fake.count('task');
    await eventually(() => setup.fake.count('task') > polls, 'the hanging poll');
    const mine = setup.store.lease(job.id);
    if (!mine) throw new Error('the runner holds no lease');
    expect(
      setup.store.takeOver(job.id, 'elsewhere:1:00000000-0000-4000-8000-000000000000', mine.owner, Date.now() + 60_000),
    ).toBe(true);
    const taken = setup.store.get(job.id);
    const seen = setup.events.length;
    // When the hanging poll gives up, the step ends: the runner either lets go (right) or records a wait (wrong).
    await eventually(
      () => setup.events.slice(seen).some((event) => event.id === job.id),
      'the step under way to end',
      10_000,
    );
    expect(setup.store.get(job.id)).toEqual(taken);
    expect(setup.runner.runBy(job.id)).toBe('elsewhere');
  });

  it('a runner paused past its lease never writes over what the process that took the job over recorded', async () => {
    setup = await setupRunner({}, { pricePerSecond: () => 0.01 });
    // The balance check before the billed POST is answered late: the runner stalls mid-step, as under SIGSTOP.
    setup.fake.inject('balance', { kind: 'delay', ms: 1_500 });
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.fake.count('balance') >= 1, 'the balance check to be under way');
    const mine = setup.store.lease(job.id);
    if (!mine) throw new Error('the runner holds no lease');
    // Meanwhile another process takes the job over, sends it, records its task — and dies.
    const gone = `${os.hostname()}:${spawnSync(process.execPath, ['-e', '']).pid}:${randomUUID()}`;
    expect(setup.store.takeOver(job.id, gone, mine.owner, Date.now() + 60_000)).toBe(true);
    const key = idempotencyKeyFor(job.id);
    const sent = await setup.fake.generate(bodyOf(request), key);
    const stored = setup.store.get(job.id);
    if (!stored) throw new Error('job not stored');
    const at = new Date().toISOString();
    expect(
      setup.store.saveOwned(
        {
          job: jobSchema.parse({
            ...stored.job,
            phase: 'polling',
            taskId: sent.taskId,
            billedSeconds: 4,
            submittedAt: at,
            updatedAt: at,
          }),
          internals: { ...stored.internals, submitAttemptAt: null, idempotencyKey: key },
        },
        gone,
      ),
    ).toBe(true);
    const settled = await setup.runner.settled(job.id);
    expect(settled).toMatchObject({ phase: 'done', taskId: sent.taskId, billedSeconds: 4 });
    // The stalled step wrote nothing and sent nothing: no "submitting" after the other process's task.
    const phases = setup.store.history(job.id).map((line) => line.phase);
    expect(phases.slice(phases.indexOf('polling'))).not.toContain('submitting');
    expect(setup.fake.count('generate', 'POST')).toBe(1);
    expect(setup.fake.tasks.size).toBe(1);
    expect(setup.fake.replays()).toBe(0);
  });

  it('asks for attention about an attempt recorded before jobs had keys, and sends nothing', async () => {
    setup = await setupRunner();
    const job = await storedAsSubmitting(() => null);
    await setup.restart();
    const settled = await setup.runner.settled(job.id);
    expect(settled).toMatchObject({
      phase: 'needsAttention',
      error: { action: expect.stringContaining('will not send it again by itself') },
    });
    expect(setup.fake.count('generate', 'POST')).toBe(0);
  });

  it('waits for the network when there is none, and carries on when it returns', async () => {
    setup = await setupRunner();
    const port = await freePort();
    setup.baseUrl = `http://127.0.0.1:${port}`;
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).waiting === 'network', 'the job to wait for the network');
    expect(setup.runner.get(job.id)).toMatchObject({ phase: 'submitting', error: { code: 'network' } });
    const returned = await startFakeApimart({ port, apiKey: setup.fake.apiKey, estimatedSeconds: 1 });
    const ticker = setInterval(() => returned.clock.advance(1_000), 10);
    try {
      setup.runner.nudge();
      const done = await setup.runner.settled(job.id);
      expect(done.phase).toBe('done');
      expect(returned.count('generate', 'POST')).toBe(1);
    } finally {
      clearInterval(ticker);
      await returned.close();
    }
  });

  it('waits as "insufficient balance" instead of sending a job the balance cannot pay for', async () => {
    setup = await setupRunner(
      { balance: 0.5 },
      { pricePerSecond: () => 0.25, balanceMaxAgeMs: 0, balanceRecheckMs: 50 },
    );
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).waiting === 'balance', 'the balance wait');
    expect(setup.runner.get(job.id).error).toMatchObject({
      code: 'insufficientBalance',
      message: "Your APIMart balance (0.5) is below this job's cost (1.00).",
    });
    expect(setup.fake.count('generate', 'POST')).toBe(0);
    setup.fake.setBalance(50);
    const done = await setup.runner.settled(job.id);
    expect(done).toMatchObject({ phase: 'done', pricePerSecond: 0.25, billedSeconds: 4 });
    expect(setup.runner.usage().today).toMatchObject({ jobs: 1, seconds: 4, cost: 1, unpriced: 0 });
  });

  it('finishes a filing cut short after its sidecar was written: no second download, no second copy', async () => {
    setup = await setupRunner();
    const done = await setup.runner.settled(setup.runner.enqueue(request).id);
    const library = setup.library.current();
    const filed = await library.mediaFile('video', done.libraryItemId ?? '');
    if (!filed) throw new Error('the video was not filed');
    const stem = path.basename(filed, '.mp4');
    const videoRequests = setup.fake.count('video');
    // The state a crash leaves between writing the sidecar and moving the video in: the download still waiting.
    await setup.runner.stop();
    const download = downloadPathFor(library, done.id);
    await rename(filed, download);
    await library.rebuild();
    const record = setup.store.get(done.id);
    if (!record) throw new Error('job not stored');
    setup.store.save({
      job: jobSchema.parse({ ...record.job, phase: 'filing', libraryItemId: null }),
      internals: { ...record.internals, filingAs: stem },
    });

    await setup.restart();
    const refiled = await setup.runner.settled(done.id);
    expect(refiled).toMatchObject({ phase: 'done', libraryItemId: done.libraryItemId });
    expect(setup.fake.count('video')).toBe(videoRequests);
    const names = await readdir(library.root);
    expect(names.filter((name) => name.endsWith('.mp4'))).toEqual([`${stem}.mp4`]);
    expect(names.filter((name) => name.endsWith('.reelbench.json'))).toEqual([`${stem}.reelbench.json`]);
    expect(await readdir(path.join(library.root, '.reelbench-downloads'))).toEqual([]);
  });

  it('files a job again without a second copy when it is asked to file what is already filed', async () => {
    setup = await setupRunner();
    const done = await setup.runner.settled(setup.runner.enqueue(request).id);
    await setup.runner.stop();
    const record = setup.store.get(done.id);
    if (!record) throw new Error('job not stored');
    setup.store.save({
      job: jobSchema.parse({ ...record.job, phase: 'filing', libraryItemId: null }),
      internals: { ...record.internals, filingAs: null },
    });
    await setup.restart();
    await expect(setup.runner.settled(done.id)).resolves.toMatchObject({
      phase: 'done',
      libraryItemId: done.libraryItemId,
    });
    expect((await readdir(setup.library.current().root)).filter((name) => name.endsWith('.mp4'))).toHaveLength(1);
  });

  it('keeps the partial download beside the final name only until the video is filed', async () => {
    setup = await setupRunner();
    const done = await setup.runner.settled(setup.runner.enqueue(request).id);
    const target = downloadPathFor(setup.library.current(), done.id);
    await expect(readFile(target)).rejects.toThrow();
    await expect(readFile(partialPathFor(target))).rejects.toThrow();
  });
});

describe('expiring links', () => {
  it('warns while downloading a video whose link has less than two hours left', async () => {
    setup = await setupRunner({ videoPayload: mp4Filled(2 * 1024 * 1024, 7), videoChunkDelayMs: 20 });
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).taskId !== null, 'the job to be submitted');
    const taskId = setup.runner.get(job.id).taskId ?? '';
    // The next poll answers "completed" with a link that expires in 90 minutes.
    setup.fake.inject('task', {
      kind: 'status',
      status: 200,
      body: {
        code: 200,
        data: {
          id: taskId,
          status: 'completed',
          progress: 100,
          result: {
            videos: [
              {
                url: [`${setup.fake.baseUrl}/f/video/${taskId}.mp4`],
                expires_at: Math.floor(Date.now() / 1000) + 90 * 60,
              },
            ],
          },
        },
      },
    });
    const task = setup.fake.tasks.get(taskId);
    if (task) setup.fake.clock.advance(task.estimatedSeconds * 1000); // let the video itself be ready to serve
    await setup.runner.settled(job.id);
    const warnings = setup.events
      .filter((event) => event.id === job.id && event.warning !== null)
      .map((event) => event.warning);
    expect(warnings[0]).toEqual({ key: 'job.warning.linkExpires', params: { count: expect.toBeOneOf([89, 90]) } });
    expect(translateRef(translator('en'), warnings[0])).toMatch(
      /^This video's download link expires in (89|90) min\.$/,
    );
    expect(setup.runner.get(job.id)).toMatchObject({ phase: 'done', warning: null });
  });
});
