import type { AppErrorData } from '../../../shared/errors';
import { jobSchema, type Job, type JobIn, SENT_PHASES } from '../../../shared/jobs/job-models';
import type { JobInternals, JobRecord } from '../storage/job-store';

/** What a step may change without moving the job to another phase. */
export type JobUpdate = Partial<
  Pick<
    Job,
    | 'waiting'
    | 'progress'
    | 'etaSeconds'
    | 'error'
    | 'warning'
    | 'pricePerSecond'
    | 'videoExpiresAt'
    | 'reportedCost'
    | 'cancelRequestedAt'
  >
>;

/** A job that APIMart accepted and that is still on its way to the library. */
export type SentRecord = JobRecord<JobIn<(typeof SENT_PHASES)[number]>>;

/** Moves any job can make: on through the steps before sending, to its task once sent, or to an end. */
export type MoveFromAnywhere =
  | ({ readonly phase: 'preparing' | 'uploading' | 'submitting' } & JobUpdate)
  | ({
      readonly phase: 'polling';
      readonly taskId: string;
      readonly submittedAt: string;
      readonly billedSeconds: number;
    } & JobUpdate)
  | ({ readonly phase: 'failed' | 'needsAttention'; readonly error: AppErrorData } & JobUpdate)
  | ({ readonly phase: 'cancelled' } & JobUpdate);

/** Moves only a sent job can make: they keep its task and charge. */
export type MoveOnceSent =
  | MoveFromAnywhere
  | ({ readonly phase: 'polling' | 'downloading' | 'filing' } & JobUpdate)
  | ({ readonly phase: 'done'; readonly libraryItemId: string } & JobUpdate)
  | ({ readonly phase: 'expired'; readonly error: AppErrorData } & JobUpdate);

/** A job written into a shape its phase allows; anything else is a bug in Reelbench, never stored. */
function settled(record: JobRecord, job: Record<string, unknown>, internals: Partial<JobInternals>): JobRecord {
  const checked = jobSchema.safeParse(job);
  if (!checked.success)
    throw new Error(
      `A job cannot be ${String(job['phase'])} like this (from ${record.job.phase}): ${checked.error.issues
        .map((issue) => `${issue.path.join('.')} ${issue.message}`)
        .join('; ')}`,
    );
  return { job: checked.data, internals: { ...record.internals, ...internals } };
}

/** Changes what a job shows without moving it, stamping the update time. */
export function change<R extends JobRecord>(
  record: R,
  update: JobUpdate,
  internals: Partial<JobInternals> = {},
  now = Date.now(),
): R {
  return settled(record, { ...record.job, ...update, updatedAt: new Date(now).toISOString() }, internals) as R;
}

/** Moves a job to another phase, bringing what that phase needs (a task id, a library item, a reason). */
export function moveTo(
  record: JobRecord,
  move: MoveFromAnywhere,
  internals?: Partial<JobInternals>,
  now?: number,
): JobRecord;
export function moveTo(
  record: SentRecord,
  move: MoveOnceSent,
  internals?: Partial<JobInternals>,
  now?: number,
): JobRecord;
export function moveTo(
  record: JobRecord,
  move: MoveOnceSent,
  internals: Partial<JobInternals> = {},
  now = Date.now(),
): JobRecord {
  return settled(record, { ...record.job, ...move, updatedAt: new Date(now).toISOString() }, internals);
}

/** Whether a record is of a sent job (narrows it, so the moves that keep its task are allowed). */
export function isSent(record: JobRecord): record is SentRecord {
  return (SENT_PHASES as readonly string[]).includes(record.job.phase);
}
