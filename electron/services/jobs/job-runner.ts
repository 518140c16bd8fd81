import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { jobRequestSchema, TERMINAL_PHASES, type Job, type JobPhase, type JobRequestInput, type Usage } from '../../../shared/jobs/job-models';
import type { ApimartClient } from '../apimart/apimart-client';
import type { ImageService } from '../images/image-service';
import type { UploadCache } from '../images/upload-cache';
import type { LibraryService } from '../library/library-service';
import type { Logger } from '../logging/logger';
import { RUNNER_HEARTBEAT_MS, type JobRecord, type JobStore } from '../storage/job-store';
import { createBalanceCache } from './balance-cache';
import { change, downloadStep, fileStep, pollStep, prepareStep, submitStep, uploadStep, waitFor, type StepContext } from './job-steps';
import { DEFAULT_POLL_CEILING_MS, DEFAULT_POLL_FLOOR_MS } from './poll-schedule';
import { usageOf } from './usage';

/** What the runner is built from. */
export interface JobRunnerDeps {
  readonly store: JobStore;
  /** A client for the current settings; its fetch goes through the shared rate gate. */
  readonly client: () => ApimartClient;
  readonly images: ImageService;
  readonly uploadCache: () => Promise<UploadCache>;
  readonly library: () => Promise<LibraryService>;
  readonly concurrency: () => number;
  readonly pricePerSecond: (model: string) => number | null;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly pollFloorMs?: number;
  /** The longest wait between polls (30 s); tests whose fake server runs fast lower it. */
  readonly pollCeilingMs?: number;
  /** How long a balance reading is trusted, and how soon a job waiting for money looks again (1 min each). */
  readonly balanceMaxAgeMs?: number;
  readonly balanceRecheckMs?: number;
  readonly onChange?: (job: Job) => void;
  readonly logger?: Logger;
}

/** The generation pipeline. */
export interface JobRunner {
  start(): void;
  stop(): Promise<void>;
  enqueue(request: JobRequestInput): Job;
  cancel(id: string): Job;
  retry(id: string): Job;
  hide(id: string): void;
  list(): Job[];
  get(id: string): Job;
  usage(): Usage;
  /** Resolves with the job once it reaches a final phase. */
  settled(id: string): Promise<Job>;
  /** Resolves when no job is left to run. */
  idle(): Promise<void>;
  /** Waiting jobs try again now (the network came back; the user pressed "Retry now"). */
  nudge(): void;
}

const PRIORITY: Readonly<Partial<Record<JobPhase, number>>> = { filing: 0, downloading: 1, polling: 2, submitting: 3, uploading: 4, preparing: 5, queued: 6 };
const PROGRESS_EVENT_INTERVAL_MS = 250;

function notFound(): AppError {
  return new AppError('notFound', 'This job no longer exists.');
}

/** Creates the runner over the job store; call `start` to recover and run. */
export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const pollFloorMs = deps.pollFloorMs ?? DEFAULT_POLL_FLOOR_MS;
  const balance = createBalanceCache(now, deps.balanceMaxAgeMs ?? 60_000);
  const records = new Map(deps.store.all().map((record) => [record.job.id, record]));
  const running = new Map<string, AbortController>();
  const settledWaiters = new Map<string, ((job: Job) => void)[]>();
  const idleWaiters: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  const runnerId = randomUUID();
  let started = false;
  let stopping = false;

  const isActive = (record: JobRecord) => !TERMINAL_PHASES.has(record.job.phase);

  function save(record: JobRecord): void {
    deps.store.save(record);
    records.set(record.job.id, record);
    deps.onChange?.(record.job);
    if (TERMINAL_PHASES.has(record.job.phase)) {
      for (const resolve of settledWaiters.get(record.job.id) ?? []) resolve(record.job);
      settledWaiters.delete(record.job.id);
    }
  }

  function recordOf(id: string): JobRecord {
    const record = records.get(id);
    if (!record) throw notFound();
    return record;
  }

  async function context(record: JobRecord, signal: AbortSignal): Promise<StepContext> {
    let lastEvent = 0;
    return {
      client: deps.client(),
      images: deps.images,
      uploadCache: await deps.uploadCache(),
      library: deps.library,
      balance,
      pricePerSecond: deps.pricePerSecond,
      now,
      random,
      pollFloorMs,
      pollCeilingMs: deps.pollCeilingMs ?? DEFAULT_POLL_CEILING_MS,
      balanceRecheckMs: deps.balanceRecheckMs ?? 60_000,
      signal,
      persist: save,
      onDownloadProgress: (fraction) => {
        if (now() - lastEvent < PROGRESS_EVENT_INTERVAL_MS) return;
        lastEvent = now();
        const current = records.get(record.job.id);
        if (current) deps.onChange?.({ ...current.job, progress: Math.min(99, Math.round(fraction * 100)) });
      },
    };
  }

  async function step(record: JobRecord, signal: AbortSignal): Promise<JobRecord> {
    const stepContext = await context(record, signal);
    switch (record.job.phase) {
      case 'queued':
      case 'preparing':
        return prepareStep(record, stepContext);
      case 'uploading':
        return uploadStep(record, stepContext);
      case 'submitting':
        return submitStep(record, stepContext);
      case 'polling':
        return pollStep(record, stepContext);
      case 'downloading':
        return downloadStep(record, stepContext);
      case 'filing':
        return fileStep(record, stepContext, (job) => job.request.title ?? undefined);
      default:
        return record;
    }
  }

  async function run(record: JobRecord): Promise<void> {
    const controller = new AbortController();
    running.set(record.job.id, controller);
    try {
      const next = await step(record, controller.signal);
      // A job cancelled while its step ran stays cancelled; a stopping runner leaves the last durable phase.
      if (!stopping && records.get(record.job.id)?.job.phase !== 'cancelled') save(next);
    } catch (error) {
      deps.logger?.error('jobs: a step failed unexpectedly', { job: record.job.id, phase: record.job.phase, error });
      if (!stopping) save(waitFor(record, 'network', error, now()));
    } finally {
      running.delete(record.job.id);
      schedule();
    }
  }

  function schedule(): void {
    clearTimeout(timer);
    if (!started || stopping) return;
    const current = now();
    const active = [...records.values()].filter(isActive);
    let inFlight = active.filter((record) => record.job.phase !== 'queued').length;
    const due = active
      .filter((record) => !running.has(record.job.id) && record.internals.nextRunAt <= current)
      .sort((a, b) => (PRIORITY[a.job.phase] ?? 9) - (PRIORITY[b.job.phase] ?? 9) || a.job.createdAt.localeCompare(b.job.createdAt));
    for (const record of due) {
      if (record.job.phase === 'queued') {
        if (inFlight >= Math.max(1, deps.concurrency())) continue;
        inFlight += 1;
        // Taken out of the queue now, durably, so it counts as in flight from this moment.
        const started = change(record, { phase: 'preparing' }, {}, now());
        save(started);
        void run(started);
        continue;
      }
      void run(record);
    }
    const waiting = active.filter((record) => !running.has(record.job.id) && (record.job.phase !== 'queued' || inFlight < deps.concurrency()));
    if (waiting.length > 0) {
      const next = Math.min(...waiting.map((record) => record.internals.nextRunAt));
      timer = setTimeout(schedule, Math.min(60_000, Math.max(0, next - current)));
    }
    if (running.size === 0 && active.length === 0) for (const resolve of idleWaiters.splice(0)) resolve();
  }

  return {
    start() {
      if (started) return;
      started = true;
      stopping = false;
      // Other processes on this data folder (`reelbench jobs`) can tell a job that is being run from one left behind.
      deps.store.markRunning(runnerId, now());
      heartbeat = setInterval(() => deps.store.markRunning(runnerId, now()), RUNNER_HEARTBEAT_MS);
      heartbeat.unref();
      for (const record of records.values()) {
        // Everything unfinished resumes now. A job that crashed between recording its billed POST and recording
        // the answer is turned into "needs attention" by the submit step itself, never resent.
        if (isActive(record)) save(change(record, {}, { nextRunAt: now() }, now()));
      }
      schedule();
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      clearInterval(heartbeat);
      for (const controller of running.values()) controller.abort();
      while (running.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      if (started) deps.store.markStopped(runnerId);
      started = false;
    },
    enqueue(request) {
      const parsed = jobRequestSchema.parse(request);
      const at = new Date(now()).toISOString();
      const record: JobRecord = {
        job: { id: randomUUID(), createdAt: at, updatedAt: at, phase: 'queued', waiting: null, request: parsed, progress: 0, etaSeconds: null, taskId: null, submittedAt: null, billedSeconds: null, pricePerSecond: null, videoExpiresAt: null, libraryItemId: null, error: null, warning: null },
        internals: { preparedPath: null, preparedKey: null, uploadUrl: null, videoUrl: null, submitAttemptAt: null, idempotencyKey: null, nextRunAt: now(), retryDelayMs: 0, hidden: false },
      };
      save(record);
      schedule();
      return record.job;
    },
    cancel(id) {
      const record = recordOf(id);
      if (!isActive(record)) return record.job;
      running.get(id)?.abort();
      const submitted = record.job.taskId !== null;
      const cancelled = change(record, {
        phase: 'cancelled',
        waiting: null,
        warning: submitted ? 'Abandoned in Reelbench only: APIMart has no way to stop a task, so it may still finish and be billed.' : null,
      }, {}, now());
      save(cancelled);
      schedule();
      return cancelled.job;
    },
    retry(id) {
      const record = recordOf(id);
      if (isActive(record) || record.job.phase === 'done') throw new AppError('invalidInput', 'Only a job that failed, expired, was cancelled or needs attention can be retried.');
      return this.enqueue(record.job.request);
    },
    hide(id) {
      const record = recordOf(id);
      if (isActive(record)) throw new AppError('invalidInput', 'Cancel the job before hiding it.');
      save(change(record, {}, { hidden: true }, now()));
    },
    list: () => [...records.values()].filter((record) => !record.internals.hidden).map((record) => record.job),
    get: (id) => recordOf(id).job,
    usage: () => usageOf([...records.values()].map((record) => record.job), new Date(now())),
    settled(id) {
      const record = recordOf(id);
      if (!isActive(record)) return Promise.resolve(record.job);
      return new Promise((resolve) => settledWaiters.set(id, [...(settledWaiters.get(id) ?? []), resolve]));
    },
    nudge() {
      for (const record of records.values()) {
        if (isActive(record) && record.job.waiting !== null && !running.has(record.job.id)) {
          records.set(record.job.id, change(record, {}, { nextRunAt: now(), retryDelayMs: 0 }, now()));
        }
      }
      schedule();
    },
    idle() {
      if (running.size === 0 && ![...records.values()].some(isActive)) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
