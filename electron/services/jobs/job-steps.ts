import { VIDEO_RECORD_SCHEMA, videoRecordSchema, type VideoRecord } from '../../../shared/library/video-record';
import { randomUUID } from 'node:crypto';
import { copyFile, lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { AppErrorData, MessageRef } from '../../../shared/errors';
import { AppError } from '../../../shared/errors';
import { appError } from '../../../shared/i18n/error-text';
import { summarizeRequest } from '../../../shared/catalog/request-summary';
import type { ModelCatalog } from '../../../shared/catalog/video-model';
import type { Job } from '../../../shared/jobs/job-models';
import type { ApimartClient } from '../apimart/apimart-client';
import { downloadedSha256 } from '../media/downloaded-bytes';
import { partialPathFor } from '../apimart/download';
import { failureError } from '../apimart/response-parsers';
import type { ImageService } from '../images/image-service';
import { uploadPrepared, type UploadCache } from '../images/upload-cache';
import { pathExists } from '../library/file-moves';
import { FilingError, generatedTitle } from '../library/library-add';
import type { LibraryService } from '../library/library-service';
import type { JobRecord } from '../storage/job-store';
import { change, moveTo, type SentRecord } from './job-change';
import { classifyFailure, type FailedRequest, type JobWait } from './failure-class';
import type { BalanceCache } from './balance-cache';
import { etaSeconds, nextPollDelay } from './poll-schedule';
import { shortenText } from '../../../shared/text/shorten';

/** Everything a step may use. */
export interface StepContext {
  readonly client: ApimartClient;
  readonly images: ImageService;
  readonly uploadCache: UploadCache;
  readonly library: () => Promise<LibraryService>;
  readonly balance: BalanceCache;
  readonly pricePerSecond: (model: string) => number | null;
  /** The model catalog as it is now: a request's seconds, shape and resolution are read through its model. */
  readonly models: () => ModelCatalog;
  /** APIMart said the model does not exist (any more): the catalog stops offering it. */
  readonly onModelGone: (model: string) => void;
  readonly now: () => number;
  readonly random: () => number;
  readonly pollFloorMs: number;
  readonly pollCeilingMs: number;
  readonly balanceRecheckMs: number;
  readonly signal: AbortSignal;
  /** Durably records a change before the step goes on (the submit step's "before the side effect"). */
  readonly persist: (record: JobRecord) => void;
  readonly onDownloadProgress: (fraction: number) => void;
  /** Writes how the video was made into the downloaded file itself; never fails the filing. */
  readonly recordVideo: (file: string, record: VideoRecord) => Promise<void>;
  /** Whether this is the first step this process runs for the job (it may be taking it over from another one). */
  readonly firstRunHere: boolean;
}

/** A step's outcome: the record to store next. */
export type StepResult = JobRecord;

const EXPIRY_WARNING_MS = 2 * 60 * 60 * 1000;
const MAX_WAIT_MS = 60_000;

const errorData = (error: unknown): AppErrorData =>
  error instanceof AppError
    ? error.toData()
    : { code: 'internal', message: shortenText(error instanceof Error ? error.message : String(error)) };

/**
 * The job, cancelled by the user. A job already submitted keeps its task and charge on record: APIMart cannot stop a
 * task, so it may still be billed, and the usage ledger must say so.
 */
export function cancelledRecord(record: JobRecord, now: number): JobRecord {
  const submitted = record.job.taskId !== null;
  return moveTo(
    record,
    {
      phase: 'cancelled',
      waiting: null,
      warning: submitted ? { key: 'job.warning.abandoned', params: {} } : null,
    },
    {},
    now,
  );
}

/** Waits with back-off (5 s doubling to a minute) for a condition that will pass by itself. */
export function waitFor(
  record: JobRecord,
  reason: JobWait,
  error: unknown,
  now: number,
  retryAfterMs?: number,
): JobRecord {
  const delay = retryAfterMs ?? Math.min(MAX_WAIT_MS, Math.max(5_000, record.internals.retryDelayMs * 2));
  return change(
    record,
    { waiting: reason, error: errorData(error) },
    { nextRunAt: now + delay, retryDelayMs: delay },
    now,
  );
}

/**
 * Runs an idempotent step; transient failures make the job wait and try again, others fail it. With
 * `unreadableIsTransient`, an answer that could not be read (cut short, garbled) is asked again too: a poll costs
 * nothing, and failing on one bad answer would abandon a task that is paid for and may be producing a video.
 */
export async function idempotent(
  record: JobRecord,
  now: () => number,
  work: () => Promise<JobRecord>,
  request: Exclude<FailedRequest, 'billed'> = 'idempotent',
): Promise<JobRecord> {
  try {
    return await work();
  } catch (error) {
    const failure = classifyFailure(error, request);
    if (failure.kind === 'wait') return waitFor(record, failure.reason, error, now(), failure.retryAfterMs);
    return moveTo(record, { phase: 'failed', waiting: null, error: errorData(error) }, {}, now());
  }
}

/** Prepares the job's images (if any), each for its role: cropped to the model's frame, under its size limit. */
export async function prepareStep(record: JobRecord, context: StepContext): Promise<JobRecord> {
  const { request } = record.job;
  if (request.images.length === 0)
    return moveTo(record, { phase: 'submitting', waiting: null, error: null }, { images: [] }, context.now());
  return idempotent(record, context.now, async () => {
    const prepared = [];
    for (const image of request.images) {
      const done = await context.images.prepare(image.path, {
        model: request.model,
        params: request.params,
        ...(image.crop ? { crop: image.crop } : {}),
      });
      prepared.push({ path: done.path, key: done.key, url: null });
    }
    return moveTo(record, { phase: 'uploading', waiting: null, error: null }, { images: prepared }, context.now());
  });
}

/** Uploads the prepared images, reusing any uploaded in the last 72 hours. */
export async function uploadStep(record: JobRecord, context: StepContext): Promise<JobRecord> {
  const prepared = record.internals.images;
  if (prepared.length !== record.job.request.images.length)
    return moveTo(record, { phase: 'preparing' }, { images: [] }, context.now());
  return idempotent(record, context.now, async () => {
    const uploaded = [];
    for (const image of prepared) {
      if (image.url) {
        uploaded.push(image);
        continue;
      }
      const { uploaded: answer } = await uploadPrepared(
        context.client,
        context.uploadCache,
        { path: image.path, key: image.key },
        context.now,
        { signal: context.signal },
      );
      uploaded.push({ ...image, url: answer.url });
    }
    return moveTo(
      record,
      { phase: 'submitting', waiting: null, error: null },
      { images: uploaded, retryDelayMs: 0 },
      context.now(),
    );
  });
}

const NEEDS_ATTENTION: AppErrorData = appError('internal', 'error.job.unsure').toData();

/** The Idempotency-Key of a job's billed request: derived from the job, so every re-send of it carries the same one. */
export const idempotencyKeyFor = (jobId: string): string => `reelbench-job-${jobId}`;

/**
 * Sends the billed request with the job's Idempotency-Key. The attempt (and the key) is recorded on disk first. An
 * answer that proves nothing was accepted clears it; an ambiguous one (a timeout, a dropped connection, a 5xx, a
 * crash) leaves it, and the job re-sends the identical request with the same key later, which APIMart answers with
 * the task it already made instead of billing again. Only what the key cannot settle — a 409 conflict, an answer
 * without a task id, an attempt recorded before keys existed — asks the user for attention.
 */
export async function submitStep(record: JobRecord, context: StepContext): Promise<JobRecord> {
  const { request } = record.job;
  const now = context.now;
  const resending = record.internals.submitAttemptAt !== null;
  if (resending && !record.internals.idempotencyKey)
    return moveTo(record, { phase: 'needsAttention', waiting: null, error: NEEDS_ATTENTION }, {}, now());

  const price = context.pricePerSecond(request.model);
  const seconds = summarizeRequest(context.models(), request.model, request.params).seconds ?? 0;
  // A re-send may already have been billed: the balance has nothing to say about it.
  if (price !== null && seconds > 0 && !resending) {
    // Stryker disable next-line ObjectLiteral: a balance check cut short counts as unknown; the billed request right after sees the stop
    const balance = await context.balance.get(() => context.client.getBalance({ signal: context.signal }));
    if (balance && balance.remaining !== null && balance.remaining < price * seconds) {
      const shortfall = appError('insufficientBalance', 'error.job.balanceShort', {
        balance: String(balance.remaining),
        cost: (price * seconds).toFixed(2),
      });
      return waitFor(record, 'balance', shortfall, now(), context.balanceRecheckMs);
    }
  }

  const idempotencyKey = record.internals.idempotencyKey ?? idempotencyKeyFor(record.job.id);
  const attempt = change(
    record,
    { waiting: null },
    { submitAttemptAt: record.internals.submitAttemptAt ?? new Date(now()).toISOString(), idempotencyKey },
    now(),
  );
  context.persist(attempt);
  try {
    const { taskId } = await context.client.createVideo(
      {
        model: request.model,
        prompt: request.prompt,
        params: request.params,
        images: request.images.map((image, index) => ({
          role: image.role,
          // Stryker disable next-line OptionalChaining,StringLiteral: uploadStep lets a job on only with one uploaded image per requested one
          url: record.internals.images[index]?.url ?? '',
        })),
      },
      {
        signal: context.signal,
        idempotencyKey,
        ...(request.extendsTaskId ? { remixOf: request.extendsTaskId } : {}),
      },
    );
    return moveTo(
      attempt,
      {
        phase: 'polling',
        taskId,
        submittedAt: new Date(now()).toISOString(),
        billedSeconds: seconds,
        pricePerSecond: price,
        progress: 0,
        error: null,
      },
      { submitAttemptAt: null, nextRunAt: now() + context.pollFloorMs, retryDelayMs: 0 },
      now(),
    );
  } catch (error) {
    // Proof that this request did nothing clears the attempt, unless an earlier one may have been taken.
    const settled = resending ? attempt : change(attempt, {}, { submitAttemptAt: null }, now());
    const failure = classifyFailure(error, 'billed');
    switch (failure.kind) {
      case 'wait':
        return waitFor(failure.nothingTaken ? settled : attempt, failure.reason, error, now(), failure.retryAfterMs);
      case 'attention':
        return moveTo(attempt, { phase: 'needsAttention', waiting: null, error: failure.error }, {}, now());
      case 'cancelled':
        return moveTo(settled, { phase: 'cancelled', waiting: null }, {}, now());
      default:
        // A retired model fails the job for good: nothing retries it, and the catalog stops suggesting it.
        if (error instanceof AppError && error.code === 'unknownModel') context.onModelGone(request.model);
        return moveTo(settled, { phase: 'failed', waiting: null, error: errorData(error) }, {}, now());
    }
  }
}

/** Asks how the task is doing; schedules the next look from its estimate, or moves on when it has finished. */
export async function pollStep(record: SentRecord, context: StepContext): Promise<JobRecord> {
  const taskId = record.job.taskId;
  return idempotent(
    record,
    context.now,
    async () => {
      const snapshot = await context.client.getTask(taskId, { signal: context.signal });
      const now = context.now();
      switch (snapshot.status) {
        case 'pending':
        case 'processing':
          return change(
            record,
            { progress: snapshot.progress, etaSeconds: etaSeconds(snapshot), waiting: null, error: null },
            {
              nextRunAt: now + nextPollDelay(snapshot, context.pollFloorMs, context.random, context.pollCeilingMs),
              retryDelayMs: 0,
            },
            now,
          );
        case 'completed':
          return moveTo(
            record,
            {
              phase: 'downloading',
              progress: 0,
              etaSeconds: null,
              waiting: null,
              error: null,
              videoExpiresAt: snapshot.video.expiresAt ? new Date(snapshot.video.expiresAt).toISOString() : null,
              reportedCost: snapshot.cost,
            },
            { videoUrl: snapshot.video.url, nextRunAt: now, retryDelayMs: 0 },
            now,
          );
        case 'failed': {
          const refusal = failureError(snapshot);
          const error = refusal
            ? refusal.toData()
            : appError('server', 'error.job.generationFailed', { reason: snapshot.failure.reason }).toData();
          return moveTo(record, { phase: 'failed', waiting: null, error }, {}, now);
        }
        case 'cancelled':
          return moveTo(
            record,
            {
              phase: 'failed',
              waiting: null,
              error: appError('server', 'error.job.cancelledByApimart').toData(),
            },
            {},
            now,
          );
      }
    },
    'poll',
  );
}

/** Where a job's video downloads to: a hidden folder inside the library, so filing it is a rename on the same disk. */
export function downloadPathFor(library: LibraryService, jobId: string): string {
  return path.join(library.root, DOWNLOADS_FOLDER, `${jobId}.mp4`);
}

/** The library's folder for downloads under way. */
const DOWNLOADS_FOLDER = '.reelbench-downloads';

/** Removes what a job left in the downloads folder (its finished job needs none of it): download, part, copies. */
export async function discardDownloads(library: LibraryService, jobId: string): Promise<void> {
  const target = downloadPathFor(library, jobId);
  const copies = (await readdir(path.dirname(target)).catch(() => [])).filter((name) =>
    name.startsWith(`${jobId}.filing-`),
  );
  await Promise.all(
    [target, partialPathFor(target), ...copies.map((name) => path.join(path.dirname(target), name))].map((file) =>
      rm(file, { force: true }),
    ),
  );
}

/** A copy of the download of this process's own, to write the record into and file. */
function filingCopyFor(download: string, jobId: string): string {
  // Stryker disable next-line MethodExpression: any part of a random id keeps two copies of one process apart
  return path.join(path.dirname(download), `${jobId}.filing-${process.pid}-${randomUUID().slice(0, 8)}.mp4`);
}

/**
 * A file another process was writing (a partial download, or a finished one whose record it was writing in) before it
 * crashed, or while it is paused past its lease, is copied to a file of this process's own before it goes on: a paused
 * writer that wakes up writes to the old file, never into this one.
 */
export async function detachFile(file: string): Promise<void> {
  const found = await lstat(file).catch(() => null);
  if (!found?.isFile()) return;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: an empty file copied over itself is the same empty file
  if (found.size === 0) return;
  const copy = `${file}.${process.pid}`;
  await copyFile(file, copy);
  await rename(copy, file);
}

const sameWarning = (a: MessageRef | null, b: MessageRef | null): boolean =>
  a === b || (a !== null && b !== null && a.key === b.key && a.params['count'] === b.params['count']);

/** Downloads the finished video (resuming a partial download), warning when its link is about to expire. */
export async function downloadStep(record: SentRecord, context: StepContext): Promise<JobRecord> {
  const videoUrl = record.internals.videoUrl;
  if (!videoUrl) return moveTo(record, { phase: 'polling' }, { nextRunAt: context.now() }, context.now());
  const library = await context.library();
  const target = downloadPathFor(library, record.job.id);
  await mkdir(path.dirname(target), { recursive: true });
  if (context.firstRunHere) await detachFile(partialPathFor(target));
  const expiresAt = record.job.videoExpiresAt ? Date.parse(record.job.videoExpiresAt) : null;
  const left = expiresAt === null ? null : expiresAt - context.now();
  const warning =
    left !== null && left > 0 && left < EXPIRY_WARNING_MS
      ? { key: 'job.warning.linkExpires', params: { count: Math.max(1, Math.round(left / 60_000)) } }
      : null;
  if (!sameWarning(warning, record.job.warning)) context.persist(change(record, { warning }, {}, context.now()));
  try {
    // Not `expiresAt`: a computer clock set ahead must not give a link up before it was tried; the host says when it is gone.
    await context.client.download(videoUrl, target, {
      signal: context.signal,
      onProgress: ({ receivedBytes, totalBytes }) =>
        totalBytes && context.onDownloadProgress(receivedBytes / totalBytes),
    });
    return moveTo(
      record,
      { phase: 'filing', progress: 100, waiting: null, error: null, warning: null },
      { nextRunAt: context.now(), retryDelayMs: 0, downloadSha256: await downloadedSha256(target) },
      context.now(),
    );
  } catch (error) {
    // Stryker disable next-line StringLiteral: any request but a poll or the billed POST is classified as idempotent
    const failure = classifyFailure(error, 'idempotent');
    if (failure.kind === 'expired')
      return moveTo(
        record,
        { phase: 'expired', waiting: null, error: errorData(error), warning: null },
        {},
        context.now(),
      );
    if (failure.kind === 'wait')
      return waitFor(change(record, { warning }), failure.reason, error, context.now(), failure.retryAfterMs);
    return moveTo(record, { phase: 'failed', waiting: null, error: errorData(error) }, {}, context.now());
  }
}

/**
 * Files the downloaded video in the library with its sidecar. The name is recorded in the job before anything moves,
 * so a crash at any point is finished by the next run: never a second download, never a second copy.
 */
export async function fileStep(
  record: SentRecord,
  context: StepContext,
  appTitle: (job: Job) => string | undefined,
): Promise<JobRecord> {
  const library = await context.library();
  const already = library.findByJobId(record.job.id);
  if (already)
    return moveTo(
      record,
      { phase: 'done', libraryItemId: already.id, waiting: null, error: null },
      { filingAs: null, filingFrom: null },
      context.now(),
    );
  const { request } = record.job;
  const summary = summarizeRequest(context.models(), request.model, request.params);
  const input = {
    videoFile: downloadPathFor(library, record.job.id),
    title: appTitle(record.job),
    generation: {
      prompt: request.prompt,
      model: request.model,
      params: request.params,
      duration: summary.seconds,
      aspect: summary.aspect,
      resolution: summary.resolution,
      cost: record.job.reportedCost ?? null,
      taskId: record.job.taskId,
      jobId: record.job.id,
      draftId: request.draftId,
      draftVersionId: request.draftVersionId,
    },
    ...(record.internals.images[0] ? { referenceImage: record.internals.images[0].path } : {}),
    createdAt: new Date(record.job.submittedAt),
    completedAt: new Date(context.now()),
  };
  let filing = record;
  const { filingAs, filingFrom, downloadSha256: known } = record.internals;
  // Recorded by a version that wrote the record into the download itself: that download is what it files.
  const legacy = filingAs !== null && filingFrom === null && known === null;
  const copyReady = filingFrom !== null && (await pathExists(filingFrom));
  if (!legacy && !copyReady) {
    const download = input.videoFile;
    // Neither filed nor downloaded (the download folder was cleared, say): download again, resuming any partial file.
    if (!(await pathExists(download)))
      return moveTo(record, { phase: 'downloading' }, { nextRunAt: context.now(), filingFrom: null }, context.now());
    // A job downloaded before downloads were hashed: the download as it is now (record aside) is what it was.
    const actual = await downloadedSha256(download);
    const expected = known ?? actual;
    if (actual !== expected) {
      await rm(download, { force: true });
      return moveTo(
        record,
        { phase: 'downloading' },
        { nextRunAt: context.now(), filingFrom: null, downloadSha256: null },
        context.now(),
      );
    }
    // The record goes into a copy of this process's own, never into the download: a process paused past its lease
    // while writing its record writes into its own copy, and whoever takes over starts again from the download.
    const copy = filingCopyFor(download, record.job.id);
    await copyFile(download, copy);
    await context.recordVideo(
      copy,
      videoRecordSchema.parse({
        schema: VIDEO_RECORD_SCHEMA,
        title: generatedTitle(input),
        ...input.generation,
        createdAt: input.createdAt.toISOString(),
        appVersion: 'unknown',
      }),
    );
    // Checked before it can be filed (and so before "done"): its bytes, record aside, must be the download's. A
    // record write that changed more (a fragmented file remuxed) is not filed: the download itself is, as it came —
    // the sidecar carries how it was made.
    if ((await downloadedSha256(copy)) !== expected) await copyFile(download, copy);
    filing = change(
      record,
      {},
      { filingAs: filingAs ?? (await library.freeName(input)), filingFrom: copy, downloadSha256: expected },
      context.now(),
    );
    context.persist(filing);
  } else if (filingAs === null) {
    filing = change(record, {}, { filingAs: await library.freeName(input) }, context.now());
    context.persist(filing);
  }
  try {
    const item = await library.fileVideo(filing.internals.filingAs ?? '', {
      ...input,
      videoFile: filing.internals.filingFrom ?? input.videoFile,
    });
    // Filed: the download and any copy are not needed any more (a crash from here finds the item and is done).
    await discardDownloads(library, record.job.id);
    return moveTo(
      filing,
      { phase: 'done', libraryItemId: item.id, waiting: null, error: null },
      { filingAs: null, filingFrom: null },
      context.now(),
    );
  } catch (error) {
    if (!(error instanceof FilingError)) throw error;
    // Nothing to file under the name: a new copy from the download (or, with none, download again), same name.
    if (error.reason === 'noVideo') {
      if (legacy) return moveTo(filing, { phase: 'downloading' }, { nextRunAt: context.now() }, context.now());
      return change(filing, {}, { filingFrom: null, nextRunAt: context.now() }, context.now());
    }
    // Another video took the name: choose a new one, filing the same copy.
    return change(filing, {}, { filingAs: null, nextRunAt: context.now() }, context.now());
  }
}
