import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { change, type SentRecord } from '../../../electron/services/jobs/job-change';
import { readVideoRecord, writeVideoRecord } from '../../../electron/services/media/video-record-io';
import {
  detachFile,
  discardDownloads,
  downloadStep,
  fileStep,
  idempotent,
  pollStep,
  prepareStep,
  submitStep,
  uploadStep,
  waitFor,
} from '../../../electron/services/jobs/job-steps';
import { AppError } from '../../../shared/errors';
import { MAX_MESSAGE_CHARS } from '../../../shared/text/shorten';
import { SAMPLE_VIDEO } from '../../support/library-setup';
import { jobFor, startStepHarness, STEP_REQUEST, type StepHarness } from '../../support/step-harness';

let harness: StepHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const NOW = Date.parse('2026-12-07T12:00:00Z');
const offline = () => new AppError('network', 'APIMart could not be reached');

describe('waiting and failing, as every step does it', () => {
  it('backs off from 5 s, doubling to a minute, unless the server says how long', () => {
    let record = jobFor(STEP_REQUEST, NOW);
    const delays: number[] = [];
    for (let round = 0; round < 6; round += 1) {
      record = waitFor(record, 'network', offline(), NOW);
      delays.push(record.internals.nextRunAt - NOW);
      expect(record.internals.retryDelayMs).toBe(delays.at(-1));
    }
    expect(delays).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
    const told = waitFor(record, 'rateLimit', offline(), NOW, 7_000);
    expect(told.internals.nextRunAt).toBe(NOW + 7_000);
    expect(told.job).toMatchObject({ waiting: 'rateLimit', error: { code: 'network' } });
  });

  it("keeps what went wrong in words, shortened, even when it was not one of Reelbench's own errors", () => {
    const record = jobFor(STEP_REQUEST, NOW);
    const long = waitFor(record, 'disk', new Error('x'.repeat(50_000)), NOW);
    expect(long.job.error?.code).toBe('internal');
    expect(long.job.error?.message.length).toBe(MAX_MESSAGE_CHARS);
    expect(long.job.error?.message.endsWith('…')).toBe(true);
    expect(waitFor(record, 'disk', 'the disk said no', NOW).job.error).toMatchObject({
      code: 'internal',
      message: 'the disk said no',
    });
  });

  it('makes a step that may be asked again wait on a passing failure, and fail on any other', async () => {
    const record = jobFor(STEP_REQUEST, NOW);
    const waited = await idempotent(
      record,
      () => NOW,
      () => Promise.reject(offline()),
    );
    expect(waited.job).toMatchObject({ phase: 'queued', waiting: 'network', error: { code: 'network' } });
    const failed = await idempotent(
      record,
      () => NOW,
      () => Promise.reject(new AppError('invalidInput', 'The prompt is empty')),
    );
    expect(failed.job).toMatchObject({
      phase: 'failed',
      waiting: null,
      error: { code: 'invalidInput', message: 'The prompt is empty' },
    });
  });
});

describe('preparing and uploading images', () => {
  it('goes straight to sending a job without images, forgetting any prepared for an earlier version of it', async () => {
    harness = await startStepHarness();
    const stale = change(jobFor(STEP_REQUEST, NOW), {}, { images: [{ path: '/gone.png', key: 'k', url: null }] });
    const next = await prepareStep(stale, await harness.context());
    expect(next.job.phase).toBe('submitting');
    expect(next.internals.images).toEqual([]);
  });

  it('prepares an image cropped to the part the user chose: the right half of a red | blue picture is blue', async () => {
    harness = await startStepHarness();
    const source = path.join(harness.paths.dataDir, 'halves.png');
    await mkdir(harness.paths.dataDir, { recursive: true });
    const red = { r: 255, g: 0, b: 0 };
    const blue = { r: 0, g: 0, b: 255 };
    await sharp({ create: { width: 1600, height: 450, channels: 3, background: red } })
      .composite([
        {
          input: await sharp({ create: { width: 800, height: 450, channels: 3, background: blue } })
            .png()
            .toBuffer(),
          left: 800,
          top: 0,
        },
      ])
      .png()
      .toFile(source);
    const record = jobFor(
      {
        ...STEP_REQUEST,
        images: [{ path: source, role: 'first', crop: { x: 0.5, y: 0, width: 0.5, height: 1 } }],
      },
      NOW,
    );
    const next = await prepareStep(record, await harness.context());
    expect(next.job.phase).toBe('uploading');
    const prepared = next.internals.images[0]?.path ?? '';
    const { channels } = await sharp(prepared).stats();
    expect(channels[2]?.mean).toBeGreaterThan(200);
    expect(channels[0]?.mean).toBeLessThan(30);
  });

  it('prepares again when the prepared images do not match the request (one per image, in order)', async () => {
    harness = await startStepHarness();
    const record = jobFor({ ...STEP_REQUEST, images: [{ path: '/a.png', role: 'first' }] }, NOW);
    const next = await uploadStep(record, await harness.context());
    expect(next.job.phase).toBe('preparing');
    expect(next.internals.images).toEqual([]);
  });

  it('does not upload an image again that already has its link, and uploads the one that has none', async () => {
    harness = await startStepHarness();
    await mkdir(harness.paths.dataDir, { recursive: true });
    const png = path.join(harness.paths.dataDir, 'frame.png');
    await sharp({ create: { width: 64, height: 36, channels: 3, background: { r: 9, g: 9, b: 9 } } })
      .png()
      .toFile(png);
    const request = {
      ...STEP_REQUEST,
      images: [
        { path: png, role: 'first' as const },
        { path: png, role: 'last' as const },
      ],
    };
    const record = change(
      jobFor(request, NOW),
      {},
      {
        images: [
          { path: png, key: 'already-uploaded', url: 'https://upload.example/first.png' },
          { path: png, key: 'not-yet', url: null },
        ],
        retryDelayMs: 20_000,
      },
    );
    const next = await uploadStep(record, await harness.context());
    expect(harness.fake.count('upload')).toBe(1);
    expect(next.job.phase).toBe('submitting');
    expect(next.internals.images[0]?.url).toBe('https://upload.example/first.png');
    expect(next.internals.images[1]?.url).toMatch(/^http/);
    expect(next.internals.retryDelayMs).toBe(0);
  });
});

describe('the billed request', () => {
  const priced = { pricePerSecond: () => 0.1 };

  it('waits, sending nothing, while the balance is short of what the job costs', async () => {
    harness = await startStepHarness({ balance: 0.39 });
    const next = await submitStep(jobFor(STEP_REQUEST, NOW), await harness.context(priced));
    expect(next.job).toMatchObject({ phase: 'queued', waiting: 'balance', error: { code: 'insufficientBalance' } });
    expect(next.internals.nextRunAt).toBe(NOW + 90_000);
    expect(harness.fake.count('generate')).toBe(0);
    expect(harness.persisted).toEqual([]);
  });

  it('sends a job the balance covers exactly', async () => {
    harness = await startStepHarness({ balance: 0.4 });
    const next = await submitStep(jobFor(STEP_REQUEST, NOW), await harness.context(priced));
    expect(next.job.phase).toBe('polling');
    expect(harness.fake.count('generate')).toBe(1);
  });

  it('does not ask for the balance when the price is unknown, nor when re-sending what may be billed already', async () => {
    harness = await startStepHarness();
    await submitStep(jobFor(STEP_REQUEST, NOW), await harness.context());
    const again = change(
      jobFor(STEP_REQUEST, NOW),
      {},
      {
        submitAttemptAt: new Date(NOW - 60_000).toISOString(),
        idempotencyKey: 'reelbench-job-earlier',
      },
    );
    const resent = await submitStep(again, await harness.context(priced));
    expect(resent.job.error).toBeNull();
    expect(resent.job.phase).toBe('polling');
    expect(harness.fake.count('balance')).toBe(0);
    expect(harness.fake.count('generate')).toBe(2);
  });

  it('records the attempt before sending, then polls after the floor, with the attempt cleared', async () => {
    harness = await startStepHarness();
    const waiting = change(jobFor(STEP_REQUEST, NOW), { waiting: 'network' }, { retryDelayMs: 40_000 });
    const next = await submitStep(waiting, await harness.context());
    expect(harness.persisted).toHaveLength(1);
    expect(harness.persisted[0]?.job.waiting).toBeNull();
    expect(harness.persisted[0]?.internals).toMatchObject({
      submitAttemptAt: new Date(NOW).toISOString(),
      idempotencyKey: `reelbench-job-${waiting.job.id}`,
    });
    expect(next.job).toMatchObject({ phase: 'polling', billedSeconds: 4, progress: 0 });
    expect(next.internals).toMatchObject({ submitAttemptAt: null, nextRunAt: NOW + 1_000, retryDelayMs: 0 });
  });

  it('fails a job for a model APIMart retired and tells the catalog; other refusals leave the catalog alone', async () => {
    harness = await startStepHarness({ retired: ['sora-2-preview'] });
    const failed = await submitStep(jobFor(STEP_REQUEST, NOW), await harness.context());
    expect(failed.job).toMatchObject({ phase: 'failed', error: { code: 'unknownModel' } });
    expect(failed.internals.submitAttemptAt).toBeNull();
    expect(harness.gone).toEqual(['sora-2-preview']);
    harness.fake.inject('generate', { kind: 'status', status: 400, body: { error: { message: 'prompt refused' } } });
    const refused = await submitStep(jobFor({ ...STEP_REQUEST, model: 'veo3.1-fast' }, NOW), await harness.context());
    expect(refused.job.phase).toBe('failed');
    expect(harness.gone).toEqual(['sora-2-preview']);
  });

  it('ends a job cancelled while its request was out as cancelled, its attempt cleared', async () => {
    harness = await startStepHarness();
    harness.fake.inject('generate', { kind: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const next = await submitStep(jobFor(STEP_REQUEST, NOW), await harness.context({ signal: controller.signal }));
    expect(next.job).toMatchObject({ phase: 'cancelled', waiting: null });
    expect(next.internals.submitAttemptAt).toBeNull();
  });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const downloadsOf = (h: StepHarness) => path.join(h.library.current().root, '.reelbench-downloads');

describe('the download', () => {
  it('goes back to polling a job that has no link yet', async () => {
    harness = await startStepHarness();
    const job = await harness.downloadingJob();
    const linkless = { ...job, internals: { ...job.internals, videoUrl: null } };
    const next = await downloadStep(linkless, await harness.context());
    expect(next.job.phase).toBe('polling');
    expect(next.internals.nextRunAt).toBe(harness.now);
    expect(harness.fake.count('video')).toBe(0);
  });

  it('downloads the video, reporting progress as a fraction, and keeps its hash for the filing', async () => {
    harness = await startStepHarness();
    const job = await harness.downloadingJob();
    const next = await downloadStep(job, await harness.context());
    expect(next.job).toMatchObject({ phase: 'filing', progress: 100, warning: null, error: null });
    const sample = await readFile(SAMPLE_VIDEO);
    expect(next.internals.downloadSha256).toBe(sha256(sample));
    expect(harness.progress.length).toBeGreaterThan(0);
    expect(harness.progress.every((fraction) => fraction >= 0 && fraction <= 1)).toBe(true);
    expect(harness.progress.at(-1)).toBe(1);
  });

  it('continues the partial file another process left as a file of its own; its own partial file as it is', async () => {
    harness = await startStepHarness();
    const sample = await readFile(SAMPLE_VIDEO);
    for (const firstRunHere of [true, false]) {
      const job = await harness.downloadingJob();
      const partial = `${path.join(downloadsOf(harness), `${job.job.id}.mp4`)}.part`;
      await mkdir(path.dirname(partial), { recursive: true });
      await writeFile(partial, sample.subarray(0, 1_000));
      const before = (await stat(partial)).ino;
      const next = await downloadStep(job, await harness.context({ firstRunHere }));
      expect(next.job.phase).toBe('filing');
      const after = (await stat(path.join(downloadsOf(harness), `${job.job.id}.mp4`))).ino;
      expect(after === before).toBe(!firstRunHere);
    }
  });

  it('warns, once, while a link has less than two hours left, and not for one with more or none left', async () => {
    harness = await startStepHarness();
    const job = await harness.downloadingJob();
    const expiring = (leftMs: number) => change(job, { videoExpiresAt: new Date(harness!.now + leftMs).toISOString() });
    harness.fake.inject('video', { kind: 'status', status: 503 }, 8);
    const waited = (await downloadStep(expiring(30 * 60_000), await harness.context())) as SentRecord;
    expect(harness.persisted.map((record) => record.job.warning)).toEqual([
      { key: 'job.warning.linkExpires', params: { count: 30 } },
    ]);
    // The wait keeps the warning; the same warning again is not written again.
    expect(waited.job).toMatchObject({ waiting: 'network', warning: { params: { count: 30 } } });
    await downloadStep(waited, await harness.context());
    expect(harness.persisted).toHaveLength(1);
    // A minute later it says 29.
    harness.now += 60_000;
    await downloadStep(waited, await harness.context());
    expect(harness.persisted.at(-1)?.job.warning).toEqual({ key: 'job.warning.linkExpires', params: { count: 29 } });
    harness.persisted.length = 0;
    for (const leftMs of [2 * 60 * 60_000, 3 * 60 * 60_000, 0, -60_000]) {
      const next = await downloadStep(expiring(leftMs), await harness.context());
      expect(next.job.warning).toBeNull();
    }
    expect(harness.persisted).toEqual([]);
  });

  it('ends a job whose link expired as expired, and fails one whose download is refused for good', async () => {
    harness = await startStepHarness();
    const job = await harness.downloadingJob();
    harness.fake.clock.advance(48 * 60 * 60_000);
    const expired = await downloadStep(job, await harness.context());
    expect(expired.job).toMatchObject({ phase: 'expired', waiting: null, warning: null, error: { code: 'expired' } });
    await harness.close();
    // A link that answers a sign-in page instead of a video: asking again will not change it.
    harness = await startStepHarness({ videoPayload: Buffer.from('<!doctype html><title>Sign in</title>'.repeat(40)) });
    const other = await harness.downloadingJob();
    const failed = await downloadStep(other, await harness.context());
    expect(failed.job).toMatchObject({ phase: 'failed', waiting: null, error: {} });
  });
});

describe('what a job leaves in the downloads folder', () => {
  it('is removed when it is done — its download, partial file and filing copies — and nothing of other jobs', async () => {
    harness = await startStepHarness();
    const library = harness.library.current();
    await discardDownloads(library, 'no-such-job-and-no-folder');
    const folder = path.join(library.root, '.reelbench-downloads');
    await mkdir(folder, { recursive: true });
    const mine = ['job-a.mp4', 'job-a.mp4.part', 'job-a.filing-42-0badcafe.mp4', 'job-a.filing-7-00000000.mp4'];
    const theirs = ['job-b.mp4', 'job-b.filing-42-0badcafe.mp4', 'xjob-a.mp4', 'copy-of.job-a.filing-'];
    for (const name of [...mine, ...theirs]) await writeFile(path.join(folder, name), name);
    await discardDownloads(library, 'job-a');
    expect((await readdir(folder)).sort()).toEqual([...theirs].sort());
  });

  it('leaves a folder where a partial download was expected as it is', async () => {
    harness = await startStepHarness();
    const folder = path.join(harness.paths.dataDir, 'not-a-file.mp4.part');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'inside'), 'kept');
    await detachFile(folder);
    expect(await readFile(path.join(folder, 'inside'), 'utf8')).toBe('kept');
  });
});

describe('filing the downloaded video', () => {
  const title = () => 'Lighthouse';
  const filingJob = async (h: StepHarness) => {
    const downloaded = await downloadStep(await h.downloadingJob(), await h.context());
    if (downloaded.job.phase !== 'filing') throw new Error(`not downloaded: ${downloaded.job.phase}`);
    h.persisted.length = 0;
    return downloaded as SentRecord;
  };
  const filedFile = async (h: StepHarness, id: string | null) =>
    (await h.library.current().mediaFile('video', id ?? '')) ?? '';

  it('writes how it was made into a copy of its own, files that copy, and clears the downloads folder', async () => {
    harness = await startStepHarness();
    const job = await filingJob(harness);
    const done = await fileStep(job, await harness.context({ recordVideo: writeVideoRecord }), title);
    expect(done.job).toMatchObject({ phase: 'done', waiting: null, error: null });
    expect(done.internals).toMatchObject({ filingAs: null, filingFrom: null });
    // Before it moved anything: the name and the copy, each recorded.
    expect(harness.persisted).toHaveLength(1);
    const recorded = harness.persisted[0]?.internals;
    expect(recorded?.filingAs).toBeTruthy();
    expect(path.basename(recorded?.filingFrom ?? '')).toMatch(new RegExp(`^${job.job.id}\\.filing-${process.pid}-`));
    expect(recorded?.downloadSha256).toBe(sha256(await readFile(SAMPLE_VIDEO)));
    const filed = await filedFile(harness, done.job.libraryItemId);
    expect(await readVideoRecord(filed)).toMatchObject({
      title: 'Lighthouse',
      prompt: STEP_REQUEST.prompt,
      model: STEP_REQUEST.model,
      jobId: job.job.id,
      appVersion: 'unknown',
    });
    expect(await readdir(downloadsOf(harness))).toEqual([]);
  });

  it('answers a job filed already with its item, changing nothing', async () => {
    harness = await startStepHarness();
    const job = await filingJob(harness);
    const done = await fileStep(job, await harness.context(), title);
    const again = await fileStep(
      change(job, {}, { filingAs: 'stale-name', filingFrom: '/nowhere/copy.mp4' }),
      await harness.context(),
      title,
    );
    expect(again.job).toMatchObject({ phase: 'done', libraryItemId: done.job.libraryItemId });
    expect(again.internals).toMatchObject({ filingAs: null, filingFrom: null });
    expect(harness.library.current().list({}).items).toHaveLength(1);
  });

  it('downloads again when the download is gone, or is not what was downloaded', async () => {
    harness = await startStepHarness();
    const job = await filingJob(harness);
    const download = path.join(downloadsOf(harness), `${job.job.id}.mp4`);
    const changed = change(job, {}, { downloadSha256: 'f'.repeat(64), filingFrom: '/nowhere/copy.mp4' });
    const redo = await fileStep(changed, await harness.context(), title);
    expect(redo.job.phase).toBe('downloading');
    expect(redo.internals).toMatchObject({ filingFrom: null, downloadSha256: null, nextRunAt: harness.now });
    await expect(stat(download)).rejects.toThrow();
    const gone = await fileStep(changed, await harness.context(), title);
    expect(gone.job.phase).toBe('downloading');
    expect(gone.internals).toMatchObject({ filingFrom: null, nextRunAt: harness.now });
    expect(harness.library.current().list({}).items).toHaveLength(0);
  });

  it('files a copy made before a crash as it is, recording a name first if it had none', async () => {
    harness = await startStepHarness();
    const job = await filingJob(harness);
    const copy = path.join(downloadsOf(harness), `${job.job.id}.filing-1-deadbeef.mp4`);
    await writeFile(copy, await readFile(SAMPLE_VIDEO));
    const withCopy = change(job, {}, { filingAs: null, filingFrom: copy, downloadSha256: null });
    const done = await fileStep(withCopy, await harness.context(), title);
    expect(done.job.phase).toBe('done');
    expect(harness.persisted).toHaveLength(1);
    expect(harness.persisted[0]?.internals).toMatchObject({ filingFrom: copy });
    expect(harness.persisted[0]?.internals.filingAs).toBeTruthy();
    const filed = await filedFile(harness, done.job.libraryItemId);
    expect(path.basename(filed, '.mp4')).toBe(harness.persisted[0]?.internals.filingAs);
  });

  it('files the download itself for a job an earlier version named before it made copies', async () => {
    harness = await startStepHarness();
    const job = await filingJob(harness);
    const legacy = change(job, {}, { filingAs: 'named-by-an-earlier-version', filingFrom: null, downloadSha256: null });
    const done = await fileStep(legacy, await harness.context(), title);
    expect(done.job.phase).toBe('done');
    expect(harness.persisted).toEqual([]);
    expect(path.basename(await filedFile(harness, done.job.libraryItemId))).toBe('named-by-an-earlier-version.mp4');
    // Named, but its download gone: download again.
    const other = await filingJob(harness);
    await rm(path.join(downloadsOf(harness), `${other.job.id}.mp4`));
    const redo = await fileStep(
      change(other, {}, { filingAs: 'another-old-name', filingFrom: null, downloadSha256: null }),
      await harness.context(),
      title,
    );
    expect(redo.job.phase).toBe('downloading');
    expect(redo.internals.nextRunAt).toBe(harness.now);
  });

  it('chooses a new name when another video took the one it recorded, and files under that', async () => {
    harness = await startStepHarness();
    const first = await fileStep(await filingJob(harness), await harness.context(), title);
    const taken = path.basename(await filedFile(harness, first.job.libraryItemId), '.mp4');
    const job = await filingJob(harness);
    const copy = path.join(downloadsOf(harness), `${job.job.id}.filing-1-cafef00d.mp4`);
    await writeFile(copy, await readFile(SAMPLE_VIDEO));
    const clash = await fileStep(
      change(job, {}, { filingAs: taken, filingFrom: copy }),
      await harness.context(),
      title,
    );
    expect(clash.job.phase).toBe('filing');
    expect(clash.internals).toMatchObject({ filingAs: null, filingFrom: copy, nextRunAt: harness.now });
    const done = await fileStep(clash as SentRecord, await harness.context(), title);
    expect(done.job.phase).toBe('done');
    expect(path.basename(await filedFile(harness, done.job.libraryItemId), '.mp4')).not.toBe(taken);
    expect(harness.library.current().list({}).items).toHaveLength(2);
  });
});

describe('a step stopped while APIMart keeps it waiting', () => {
  // The client gives up on its own after 2 s (a timeout: the job would wait and ask again); stopped sooner, the step
  // ends as cancelled, at once.
  const stoppedSoon = () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    return controller.signal;
  };

  it('stops an upload', async () => {
    harness = await startStepHarness();
    await mkdir(harness.paths.dataDir, { recursive: true });
    const png = path.join(harness.paths.dataDir, 'frame.png');
    await sharp({ create: { width: 64, height: 36, channels: 3, background: { r: 1, g: 2, b: 3 } } })
      .png()
      .toFile(png);
    const record = change(
      jobFor({ ...STEP_REQUEST, images: [{ path: png, role: 'first' }] }, NOW),
      {},
      { images: [{ path: png, key: 'frame', url: null }] },
    );
    harness.fake.inject('upload', { kind: 'hang' });
    const next = await uploadStep(record, await harness.context({ signal: stoppedSoon() }));
    expect(next.job.error?.code).toBe('cancelled');
  });

  it('stops a poll', async () => {
    harness = await startStepHarness();
    const sent = await submitStep(jobFor(STEP_REQUEST, NOW), await harness.context());
    harness.fake.inject('task', { kind: 'hang' });
    const next = await pollStep(sent as SentRecord, await harness.context({ signal: stoppedSoon() }));
    expect(next.job.error?.code).toBe('cancelled');
  });
});
