import type { VideoRecord } from '../../../shared/library/video-record';
import type { ModelCatalog } from '../../../shared/catalog/video-model';
import { validateGeneration } from '../../../shared/catalog/generation-request';
import { RequestValidationError } from '../apimart/apimart-client';
import type { AppError } from '../../../shared/errors';
import { jobRequestInputSchema, type Job, type JobRequestInput, type Usage } from '../../../shared/jobs/job-models';
import { isActivePhase, PHASE_FACTS } from '../../../shared/jobs/job-phases';
import type { ApimartClient } from '../apimart/apimart-client';
import type { ImageService } from '../images/image-service';
import type { UploadCache } from '../images/upload-cache';
import type { LibraryService } from '../library/library-service';
import type { Logger } from '../logging/logger';
import { newJobRecord, type JobRecord, type JobStore } from '../storage/job-store';
import { createBalanceCache } from './balance-cache';
import { isDatabaseBusy } from '../storage/sqlite-busy';
import { change, isSent, moveTo } from './job-change';
import { createJobLeases, LeaseLostError, type RunBy } from './job-leases';
import {
  cancelledRecord,
  discardDownloads,
  downloadStep,
  fileStep,
  pollStep,
  prepareStep,
  submitStep,
  uploadStep,
  waitFor,
  type StepContext,
} from './job-steps';
import { DEFAULT_POLL_CEILING_MS, DEFAULT_POLL_FLOOR_MS } from './poll-schedule';
import { usageOf } from './usage';
import { appError } from '../../../shared/i18n/error-text';

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
  /** The model catalog as it is now. */
  readonly models: () => ModelCatalog;
  /** APIMart said a model does not exist: the catalog marks it unavailable. */
  readonly onModelGone?: (model: string) => Promise<void> | void;
  readonly now?: () => number;
  /** A clock that only moves forward (performance.now): waits are measured on it, so a wall clock set back stalls nothing. */
  readonly monotonic?: () => number;
  readonly random?: () => number;
  readonly pollFloorMs?: number;
  /** The longest wait between polls (30 s); tests whose fake server runs fast lower it. */
  readonly pollCeilingMs?: number;
  /** How long a balance reading is trusted, and how soon a job waiting for money looks again (1 min each). */
  readonly balanceMaxAgeMs?: number;
  readonly balanceRecheckMs?: number;
  /** How long a job's lease holds without renewal (30 s). */
  readonly leaseMs?: number | undefined;
  /** Whether to run unfinished jobs this runner did not create (the app, `jobs resume`), or only its own (`generate`). */
  readonly adopt?: boolean;
  /** How often the store is checked for other processes' changes (500 ms). */
  readonly watchMs?: number;
  readonly onChange?: (job: Job) => void;
  readonly logger?: Logger;
  /** Writes how a video was made into the downloaded file, before it is filed (nothing when left out). */
  readonly recordVideo?: (file: string, record: VideoRecord) => Promise<void>;
  /** Told once when the job database was deleted or replaced under this runner, which then stops for good. */
  readonly onDetached?: (error: AppError) => void;
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
  /** Where a job is being run: by this runner, by another live process, or by nobody. */
  runBy(id: string): RunBy;
  usage(): Usage;
  /** Resolves with the job once it reaches a final phase. */
  settled(id: string): Promise<Job>;
  /** Resolves when none of the jobs this runner may run is left. */
  idle(): Promise<void>;
  /** Waiting jobs try again now (the network came back; the user pressed "Retry now"). */
  nudge(): void;
}

const PROGRESS_EVENT_INTERVAL_MS = 250;
// However far a stored wait reaches (a wall clock set back makes it look long), a job is looked at again within this.
const LONGEST_WAIT_MS = 10 * 60_000;

/** Whether the stored job is still the one a step knows: nobody else has written it since. */
function unchangedSince(stored: JobRecord | null, known: JobRecord): boolean {
  return (
    stored !== null &&
    stored.job.updatedAt === known.job.updatedAt &&
    stored.job.phase === known.job.phase &&
    stored.job.taskId === known.job.taskId &&
    stored.internals.submitAttemptAt === known.internals.submitAttemptAt
  );
}

function notFound(): AppError {
  return appError('notFound', 'error.job.notFound');
}

/** Creates the runner over the job store; call `start` to recover and run. */
export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const now = deps.now ?? Date.now;
  const monotonic = deps.monotonic ?? (() => performance.now());
  const random = deps.random ?? Math.random;
  const pollFloorMs = deps.pollFloorMs ?? DEFAULT_POLL_FLOOR_MS;
  const adopt = deps.adopt ?? true;
  const balance = createBalanceCache(now, deps.balanceMaxAgeMs);
  const leases = createJobLeases({ store: deps.store, now, leaseMs: deps.leaseMs });
  const records = new Map<string, JobRecord>();
  /** When each job is next due, on the monotonic clock. */
  const dueAt = new Map<string, number>();
  const mine = new Set<string>();
  /** Jobs this process has run a step of. */
  const ranHere = new Set<string>();
  const cleanups = new Set<Promise<void>>();
  // Read once, shared by every job this runner runs (its writes merge with the file, so none is lost).
  let uploadCache: Promise<UploadCache> | undefined;
  const running = new Map<string, AbortController>();
  const settledWaiters = new Map<string, { resolve: (job: Job) => void; reject: (error: AppError) => void }[]>();
  const idleWaiters: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  let watcher: NodeJS.Timeout | undefined;
  // Stryker disable next-line UnaryOperator: start() reads the store's counter before the first look
  let seenVersion = -1;
  let seenRevision = 0;
  let started = false;
  // Stryker disable next-line BooleanLiteral: start() sets it before anything reads it
  let stopping = false;
  /** Set once the job database is found deleted or replaced: nothing more runs or is written. */
  let detached: AppError | null = null;
  let identityChecks = 0;

  const isActive = (record: JobRecord) => isActivePhase(record.job.phase);
  const mayRun = (id: string) => adopt || mine.has(id);

  /** Takes a record into memory, with when it is due measured from now on the monotonic clock. */
  function remember(record: JobRecord, dueNow = false): void {
    records.set(record.job.id, record);
    const wait = dueNow ? 0 : Math.min(LONGEST_WAIT_MS, Math.max(0, record.internals.nextRunAt - now()));
    dueAt.set(record.job.id, monotonic() + wait);
    deps.onChange?.(record.job);
    if (!isActive(record)) {
      for (const waiter of settledWaiters.get(record.job.id) ?? []) waiter.resolve(record.job);
      // Stryker disable next-line CallExpression: the waiters were resolved just above; a settled promise ignores another resolve
      settledWaiters.delete(record.job.id);
    }
  }

  /** Writes a change of a job this runner holds; throws LeaseLostError (nothing written) when another process took it. */
  function persist(record: JobRecord): void {
    if (detached) throw detached;
    if (!leases.write(record)) throw new LeaseLostError(record.job.id);
    remember(record);
    if (!isActive(record)) cleanUp(record.job.id);
  }

  /** A finished job needs nothing in the downloads folder: no temporary file outlives its job. */
  function cleanUp(id: string): void {
    const done = deps
      .library()
      .then((library) => discardDownloads(library, id))
      // Stryker disable next-line ArrowFunction: the failure is swallowed either way; only its log line would be lost
      .catch((error: unknown) =>
        // Stryker disable next-line StringLiteral,ObjectLiteral,OptionalChaining: what is logged is not behaviour (the logger is optional and never throws)
        deps.logger?.warn("jobs: could not remove a finished job's temporary files", { job: id, error }),
      )
      // Stryker disable next-line ArrowFunction: the set only lets stop() wait; a settled cleanup left in it is awaited at once
      .finally(() => cleanups.delete(done));
    cleanups.add(done);
  }

  /** Another process has the job now: forget this runner's idea of it and show what the store says. */
  function letGo(id: string): void {
    running.get(id)?.abort();
    const stored = deps.store.get(id);
    // Stryker disable next-line StringLiteral,ObjectLiteral,OptionalChaining: what is logged is not behaviour (the logger is optional and never throws)
    deps.logger?.warn('jobs: another Reelbench process has taken this job over', { job: id });
    if (stored) remember(stored);
  }

  function recordOf(id: string): JobRecord {
    const record = records.get(id) ?? deps.store.get(id);
    if (!record) throw notFound();
    return record;
  }

  /** The upload cache, opened once; one that failed to open is opened again by the next step, not kept failed. */
  function sharedUploadCache(): Promise<UploadCache> {
    uploadCache ??= deps.uploadCache().catch((error: unknown) => {
      uploadCache = undefined;
      throw error;
    });
    return uploadCache;
  }

  async function context(record: JobRecord, signal: AbortSignal): Promise<StepContext> {
    let lastEvent = 0;
    // The job as this step knows it: what it started from, then what it last wrote.
    let base = record;
    return {
      client: deps.client(),
      images: deps.images,
      uploadCache: await sharedUploadCache(),
      library: deps.library,
      balance,
      pricePerSecond: deps.pricePerSecond,
      models: deps.models,
      onModelGone: (model) => void deps.onModelGone?.(model),
      now,
      random,
      pollFloorMs,
      pollCeilingMs: deps.pollCeilingMs ?? DEFAULT_POLL_CEILING_MS,
      balanceRecheckMs: deps.balanceRecheckMs ?? 60_000,
      signal,
      // Stryker disable next-line BooleanLiteral: detaching a partial download copies it to a file of this process's own, which it resumes all the same; doing it on a later step too only costs a copy
      firstRunHere: !ranHere.has(record.job.id),
      // Before a side effect (the billed POST above all): the lease is renewed and the write fenced by it.
      persist: (next) => {
        const id = next.job.id;
        if (!leases.take(id)) throw new LeaseLostError(id);
        // A lease taken back after this process was paused past it may find the job moved on by the process that
        // held it meanwhile (which sent it, then died): this step's idea of the job is stale, so it writes nothing.
        if (!unchangedSince(deps.store.get(id), base)) throw new LeaseLostError(id);
        persist(next);
        base = next;
      },
      recordVideo: deps.recordVideo ?? (async () => undefined),
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
    // Stryker disable next-line CallExpression: as for firstRunHere: a later step detaching the partial again resumes the same bytes
    ranHere.add(record.job.id);
    // A sent job's steps are typed to what being sent guarantees (a task id): no step checks for one.
    if (isSent(record)) {
      switch (record.job.phase) {
        case 'polling':
          return pollStep(record, stepContext);
        case 'downloading':
          return downloadStep(record, stepContext);
        case 'filing':
          return fileStep(record, stepContext, (job) => job.request.title ?? undefined);
      }
    }
    switch (record.job.phase) {
      // Stryker disable next-line StringLiteral: a queued job is moved to preparing before its first step, so no step sees it queued
      case 'queued':
      case 'preparing':
        return prepareStep(record, stepContext);
      case 'uploading':
        return uploadStep(record, stepContext);
      case 'submitting':
        return submitStep(record, stepContext);
      // Stryker disable next-line ConditionalExpression: only active jobs are run, and every active phase has its case above
      default:
        return record;
    }
  }

  async function run(record: JobRecord): Promise<void> {
    const controller = new AbortController();
    running.set(record.job.id, controller);
    try {
      const next = cancelIfRequested(await step(record, controller.signal));
      // A job cancelled while its step ran stays cancelled; a stopping runner leaves the last durable phase.
      // Stryker disable next-line ConditionalExpression,OptionalChaining,StringLiteral: the store's cancel also takes the job's lease, so a write after it is refused as a lost lease all the same (tested: a job cancelled while its step runs is never sent)
      if (!stopping && records.get(record.job.id)?.job.phase !== 'cancelled') persist(next);
    } catch (error) {
      if (error instanceof LeaseLostError) letGo(record.job.id);
      else {
        deps.logger?.error('jobs: a step failed unexpectedly', { job: record.job.id, phase: record.job.phase, error });
        if (!stopping) {
          try {
            // From what the step last stored, not from before it: a billed request it recorded as sent stays sent.
            persist(waitFor(records.get(record.job.id) ?? record, 'network', error, now()));
          } catch (lost) {
            if (lost instanceof LeaseLostError) letGo(record.job.id);
            // Stryker disable next-line StringLiteral,ObjectLiteral,OptionalChaining: what is logged is not behaviour (the logger is optional and never throws)
            else deps.logger?.error('jobs: could not record a failed step', { job: record.job.id, error: lost });
          }
        }
      }
    } finally {
      running.delete(record.job.id);
      const settledHere = records.get(record.job.id);
      if (settledHere && !isActive(settledHere)) cleanUp(record.job.id);
      schedule();
    }
  }

  /**
   * A job the user cancelled while its billed request was out stops once nothing about the request is unknown: with
   * its task id (and so its charge) recorded, or with proof that nothing was accepted.
   */
  function cancelIfRequested(next: JobRecord): JobRecord {
    if (!isActive(next) || next.internals.submitAttemptAt !== null) return next;
    const requested = next.job.cancelRequestedAt ?? deps.store.get(next.job.id)?.job.cancelRequestedAt ?? null;
    return requested ? cancelledRecord({ ...next, job: { ...next.job, cancelRequestedAt: requested } }, now()) : next;
  }

  /** Takes the lease and the job's latest durable state; null when another process runs it. */
  function claimFresh(record: JobRecord): JobRecord | null {
    let taken: boolean;
    try {
      taken = leases.take(record.job.id);
    } catch (error) {
      // Another process is paused in the middle of a write: look again later, as for a job run elsewhere.
      if (isDatabaseBusy(error)) return null;
      throw error;
    }
    const stored = deps.store.get(record.job.id);
    if (!taken || !stored || !isActive(stored)) {
      // Ended by another process (cancelled there, say): shown as it ended now, not at the store watcher's next look.
      if (stored && !isActive(stored)) remember(stored);
      return null;
    }
    const settled = cancelIfRequested(stored);
    if (settled !== stored) {
      try {
        persist(settled);
      } catch (error) {
        if (error instanceof LeaseLostError) letGo(stored.job.id);
        else throw error;
      }
      return null;
    }
    records.set(stored.job.id, stored);
    return stored;
  }

  function schedule(): void {
    // Stryker disable next-line CallExpression: a superseded timer would only run this once more and find nothing new
    clearTimeout(timer);
    if (!started || stopping) return;
    const current = monotonic();
    const active = [...records.values()].filter((record) => isActive(record) && mayRun(record.job.id));
    const countedHere = new Set(
      active
        .filter((record) => record.job.phase !== 'queued' && leases.runBy(record.job.id) === 'here')
        .map((record) => record.job.id),
    );
    let inFlight = countedHere.size;
    const due = active
      .filter((record) => !running.has(record.job.id) && (dueAt.get(record.job.id) ?? 0) <= current)
      .sort(
        (a, b) =>
          (PHASE_FACTS[a.job.phase].runOrder ?? 9) - (PHASE_FACTS[b.job.phase].runOrder ?? 9) ||
          a.job.createdAt.localeCompare(b.job.createdAt),
      );
    for (const candidate of due) {
      if (candidate.job.phase === 'queued' && inFlight >= Math.max(1, deps.concurrency())) continue;
      const record = claimFresh(candidate);
      if (!record) {
        // Run elsewhere: look again when its lease could have run out.
        dueAt.set(candidate.job.id, current + (deps.leaseMs ?? 30_000));
        continue;
      }
      if (record.job.phase !== 'queued') {
        // A job taken up here now (one left by a stopped process, say) holds a slot too, before any queued one.
        if (!countedHere.has(record.job.id)) inFlight += 1;
        void run(record);
        continue;
      }
      inFlight += 1;
      // Taken out of the queue now, durably, so it counts as in flight from this moment.
      const taken = moveTo(record, { phase: 'preparing' }, {}, now());
      try {
        persist(taken);
        void run(taken);
      } catch (error) {
        if (error instanceof LeaseLostError) letGo(record.job.id);
        else throw error;
      }
    }
    // Stryker disable next-line MethodExpression: counting running jobs (due in the past) only wakes the scheduler sooner, to no effect
    const waiting = active.filter((record) => !running.has(record.job.id));
    // Stryker disable next-line ConditionalExpression,EqualityOperator: with none waiting the timer would be Infinity, which Node fires after 1 ms to no effect
    if (waiting.length > 0) {
      const next = Math.min(...waiting.map((record) => dueAt.get(record.job.id) ?? current));
      // Stryker disable next-line MethodExpression: a delay below zero fires at once, like zero: only more wake-ups, nothing runs before it is due
      const delay = Math.max(0, next - current);
      timer = setTimeout(schedule, Math.min(60_000, delay));
    }
    if (running.size === 0 && active.length === 0) for (const resolve of idleWaiters.splice(0)) resolve();
  }

  /** Picks up what other processes wrote (new jobs, progress, a job they finished): the app's queue shows a CLI job moving. */
  function watchStore(): void {
    // Every few ticks, whether the database is still the file at its path (a deleted data folder, a replaced file).
    // Stryker disable next-line AssignmentOperator,ConditionalExpression,EqualityOperator: how often the file's identity is checked changes only how soon a deleted database is noticed
    identityChecks += 1;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: as above
    if (identityChecks % 4 === 0)
      void deps.store.detached().then(
        (gone) => {
          if (gone) stopDetached();
        },
        () => undefined,
      );
    const version = deps.store.changeCounter();
    // Stryker disable next-line ConditionalExpression: reading changes when there are none finds none (this only spares the read)
    if (version === seenVersion) return;
    seenVersion = version;
    const changed = deps.store.changedSince(seenRevision);
    seenRevision = changed.revision;
    for (const stored of changed.records) {
      const known = records.get(stored.job.id);
      const same =
        known &&
        known.job.updatedAt === stored.job.updatedAt &&
        known.internals.hidden === stored.internals.hidden &&
        known.job.cancelRequestedAt === stored.job.cancelRequestedAt;
      if (running.has(stored.job.id) || same) continue;
      remember(stored);
    }
    schedule();
  }

  /**
   * Stops for good: a database deleted or replaced under this process would take writes nobody ever reads (while a
   * new process starts an empty one), so nothing more is sent, polled or written, and whoever waits is told why.
   */
  function stopDetached(): void {
    // Stryker disable next-line ConditionalExpression: the watcher is cleared below; only an identity check already in flight could come here again
    if (detached) return;
    detached = appError('internal', 'error.jobs.storeDetached');
    stopping = true;
    // Stryker disable next-line CallExpression: a timer left would find the runner stopping and return
    clearTimeout(timer);
    // Stryker disable next-line CallExpression: a watcher left would find it detached already and run nothing
    clearInterval(watcher);
    for (const controller of running.values()) controller.abort();
    for (const waiters of settledWaiters.values()) for (const waiter of waiters) waiter.reject(detached);
    // Stryker disable next-line CallExpression: every waiter was rejected just above; a settled promise ignores another
    settledWaiters.clear();
    for (const resolve of idleWaiters.splice(0)) resolve();
    // Stryker disable next-line StringLiteral,OptionalChaining: what is logged is not behaviour (the logger is optional and never throws)
    deps.logger?.error('jobs: the job database was deleted or replaced; this process stops running jobs');
    deps.onDetached?.(detached);
  }

  for (const record of deps.store.all()) records.set(record.job.id, record);
  seenRevision = deps.store.changedSince(Number.MAX_SAFE_INTEGER).revision;

  return {
    start() {
      if (started) return;
      started = true;
      stopping = false;
      // Everything unfinished is due now: a wait recorded before a restart is not waited out again.
      // Stryker disable next-line ConditionalExpression: a finished job's due time is never read
      for (const record of records.values()) if (isActive(record)) dueAt.set(record.job.id, monotonic());
      seenVersion = deps.store.changeCounter();
      leases.start((lost) => lost.forEach(letGo));
      // Stryker disable next-line LogicalOperator: a missing interval makes the watcher look every millisecond instead, which only costs time
      watcher = setInterval(watchStore, deps.watchMs ?? 500);
      // Stryker disable next-line CallExpression: what it changes is whether this timer alone keeps a process alive
      watcher.unref();
      schedule();
    },
    async stop() {
      stopping = true;
      // Stryker disable next-line CallExpression: a stopping runner's schedule returns at once; this only lets the process exit sooner
      clearTimeout(timer);
      clearInterval(watcher);
      for (const controller of running.values()) controller.abort();
      while (running.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      await Promise.all(cleanups);
      leases.stop();
      started = false;
    },
    enqueue(request) {
      if (detached) throw detached;
      const parsed = jobRequestInputSchema.parse(request);
      // Refused before a job exists, so before anything is uploaded or billed: the message names the field.
      const checked = validateGeneration(
        deps.models(),
        { ...parsed, images: parsed.images.map((image) => ({ role: image.role, url: image.path })) },
        { imagesUploaded: false },
      );
      if (!checked.ok) throw new RequestValidationError(checked.issues);
      // The job records what it asks for: the shape, length and resolution the model would default to, spelled out.
      const record = newJobRecord({ ...parsed, params: checked.request.params }, now());
      mine.add(record.job.id);
      leases.insert(record);
      // Stryker disable next-line BooleanLiteral: a new job's next run is its creation time, so it is due now either way
      remember(record, true);
      schedule();
      return record.job;
    },
    cancel(id) {
      // Stryker disable next-line CallExpression: an unknown job is refused just below as well (the store finds none)
      recordOf(id);
      const stored = deps.store.cancel(id, (current) => cancelledRecord(current, now()), new Date(now()).toISOString());
      // Stryker disable next-line ConditionalExpression: only after the job is known, so null only if its row vanished meanwhile
      if (!stored) throw notFound();
      // Only the cancelled job stops now; one whose billed request is out keeps waiting for the answer, so the
      // charge (if any) is recorded before it stops.
      if (stored.job.phase === 'cancelled') running.get(id)?.abort();
      remember(stored, stored.job.phase !== 'cancelled');
      if (stored.job.phase === 'cancelled' && !running.has(id)) cleanUp(id);
      schedule();
      return stored.job;
    },
    retry(id) {
      const record = recordOf(id);
      if (isActive(record) || record.job.phase === 'done') throw appError('invalidInput', 'error.job.notRetryable');
      return this.enqueue(record.job.request);
    },
    hide(id) {
      const record = recordOf(id);
      if (isActive(record)) throw appError('invalidInput', 'error.job.hideActive');
      const hidden = change(record, {}, { hidden: true }, now());
      deps.store.save(hidden);
      remember(hidden);
    },
    list: () => [...records.values()].filter((record) => !record.internals.hidden).map((record) => record.job),
    get: (id) => recordOf(id).job,
    runBy: (id) => leases.runBy(id),
    usage: () =>
      usageOf(
        [...records.values()].map((record) => record.job),
        new Date(now()),
      ),
    settled(id) {
      const record = recordOf(id);
      if (!isActive(record)) return Promise.resolve(record.job);
      if (detached) return Promise.reject(detached);
      return new Promise((resolve, reject) =>
        settledWaiters.set(id, [...(settledWaiters.get(id) ?? []), { resolve, reject }]),
      );
    },
    nudge() {
      for (const record of records.values()) {
        if (isActive(record) && record.job.waiting !== null && !running.has(record.job.id))
          dueAt.set(record.job.id, monotonic());
      }
      schedule();
    },
    idle() {
      if (running.size === 0 && ![...records.values()].some((record) => isActive(record) && mayRun(record.job.id)))
        return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
