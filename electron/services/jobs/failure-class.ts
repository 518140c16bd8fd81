import { AppError, type AppErrorData } from '../../../shared/errors';
import { appError } from '../../../shared/i18n/error-text';
import type { Job } from '../../../shared/jobs/job-models';
import { ApiError } from '../apimart/api-error';

/** Why a job waits. */
export type JobWait = NonNullable<Job['waiting']>;

/** What a failure means for the job: the one place that decides "is this temporary?". */
export type FailureClass =
  /** It will pass by itself: wait, then try again. `nothingTaken`: proof that APIMart accepted nothing. */
  | {
      readonly kind: 'wait';
      readonly reason: JobWait;
      readonly retryAfterMs?: number | undefined;
      readonly nothingTaken: boolean;
    }
  /** The billed request's fate cannot be known: the user must look (and Reelbench never re-sends by itself). */
  | { readonly kind: 'attention'; readonly error: AppErrorData }
  /** The video's link is gone. */
  | { readonly kind: 'expired' }
  /** The user cancelled while the request was out. */
  | { readonly kind: 'cancelled' }
  /** The job ends here, with the error as its reason. */
  | { readonly kind: 'final' };

/**
 * The request that failed: an `idempotent` one (upload, download, balance) is simply asked again; a `poll` also when
 * its answer could not be read (a poll costs nothing, and a paid task must not be abandoned on one garbled answer);
 * the `billed` POST only on proof that nothing was accepted, or with the same Idempotency-Key when it is unknown.
 */
export type FailedRequest = 'idempotent' | 'poll' | 'billed';

const KEY_CONFLICT = appError('internal', 'error.job.keyConflict').toData();
const NO_TASK_ID = appError('internal', 'error.job.noTaskId').toData();

/** Classifies a failure of one kind of request. */
export function classifyFailure(error: unknown, request: FailedRequest): FailureClass {
  if (!(error instanceof AppError)) return { kind: 'final' };
  const retryAfterMs = error instanceof ApiError ? error.detail.retryAfterMs : undefined;
  if (request === 'billed') {
    if (error instanceof ApiError && error.code === 'network' && error.detail.maybeSent === false)
      return { kind: 'wait', reason: 'network', nothingTaken: true };
    if (error.code === 'rateLimited') return { kind: 'wait', reason: 'rateLimit', retryAfterMs, nothingTaken: true };
    if (error instanceof ApiError && error.detail.status === 409) return { kind: 'attention', error: KEY_CONFLICT };
    if (error.code === 'malformed') return { kind: 'attention', error: NO_TASK_ID };
    // It may have been accepted: the same request with the same key, later, settles it.
    if (['network', 'timeout', 'server'].includes(error.code))
      return { kind: 'wait', reason: 'network', nothingTaken: false };
    if (error.code === 'cancelled') return { kind: 'cancelled' };
    // Drafted offline before any key was set: wait for one (nothing was sent, nothing billed).
    if (error.code === 'noKey') return { kind: 'wait', reason: 'key', retryAfterMs: 60_000, nothingTaken: true };
    return { kind: 'final' };
  }
  if (error.code === 'network' || error.code === 'timeout' || error.code === 'server')
    return { kind: 'wait', reason: 'network', nothingTaken: true };
  if (error.code === 'malformed' && request === 'poll') return { kind: 'wait', reason: 'network', nothingTaken: true };
  if (error.code === 'rateLimited') return { kind: 'wait', reason: 'rateLimit', retryAfterMs, nothingTaken: true };
  if (error.code === 'auth' || error.code === 'noKey') return { kind: 'wait', reason: 'key', nothingTaken: true };
  if (error.code === 'diskFull') return { kind: 'wait', reason: 'disk', nothingTaken: true };
  if (error.code === 'expired') return { kind: 'expired' };
  return { kind: 'final' };
}
