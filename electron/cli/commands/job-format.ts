import { TERMINAL_PHASES, type Job } from '../../../shared/jobs/job-models';

const PHASE_WORDS: Readonly<Record<Job['phase'], string>> = {
  queued: 'queued',
  preparing: 'preparing the image',
  uploading: 'uploading the image',
  submitting: 'submitting',
  polling: 'generating',
  downloading: 'downloading',
  filing: 'saving to the library',
  done: 'done',
  failed: 'failed',
  expired: 'expired',
  needsAttention: 'needs attention',
  cancelled: 'cancelled',
};
const WAIT_WORDS: Readonly<Record<NonNullable<Job['waiting']>, string>> = {
  network: 'waiting for network',
  balance: 'waiting: insufficient balance',
  rateLimit: 'waiting: rate limited',
  disk: 'waiting: disk full',
  key: 'waiting: the API key was rejected',
};

/** Whether a job still has work to do. */
export const isUnfinished = (job: Job): boolean => !TERMINAL_PHASES.has(job.phase);

/**
 * One short line for a job's state: `generating 45% (about 30 s left)`. A job no process is running has no live
 * progress: its last figures would read as frozen, so it says so instead.
 */
export function describeJobState(job: Job, watched = true): string {
  if (!watched && isUnfinished(job)) return `not being watched (${PHASE_WORDS[job.phase]})`;
  if (job.cancelRequestedAt && isUnfinished(job)) return 'cancelling once APIMart answers';
  if (job.waiting) return WAIT_WORDS[job.waiting];
  const words = PHASE_WORDS[job.phase];
  if (job.phase === 'polling' || job.phase === 'downloading') {
    const eta = job.etaSeconds !== null ? ` (about ${job.etaSeconds} s left)` : '';
    return `${words} ${job.progress}%${eta}`;
  }
  return words;
}

/** A text progress bar for a terminal. */
export function progressBar(job: Job, width = 24): string {
  const filled = Math.round((job.progress / 100) * width);
  return `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${describeJobState(job)}`;
}

const PHASE_LINES: Readonly<Partial<Record<Job['phase'], string>>> = {
  queued: 'Queued: it starts when one of the jobs already running is done.',
  preparing: 'Preparing the reference image…',
  uploading: 'Uploading the reference image…',
  submitting: 'Sending the job to APIMart (the billed step)…',
  polling: 'Generating at APIMart…',
  downloading: 'Downloading the video…',
  filing: 'Saving it to the library…',
};

const SAFE_TO_STOP = 'Ctrl+C is safe: `reelbench jobs resume` finishes it later.';

/** The line printed when a job enters a phase or starts waiting, for a log or a terminal without a progress bar. */
export function phaseLine(job: Job, apiHost: string): string | null {
  if (job.waiting === 'network')
    return `Waiting for the network: APIMart (${apiHost}) cannot be reached. It carries on by itself when the connection returns. ${SAFE_TO_STOP}`;
  if (job.waiting)
    return `${WAIT_WORDS[job.waiting].replace(/^waiting: /, 'Waiting: ')}. ${job.error?.message ?? ''} It carries on by itself. ${SAFE_TO_STOP}`.replace(
      /\s+/g,
      ' ',
    );
  if (job.phase === 'preparing' && job.request.images.length === 0) return null;
  const line = PHASE_LINES[job.phase];
  if (job.phase === 'polling' && job.etaSeconds !== null) return `${line} (APIMart expects about ${job.etaSeconds} s)`;
  return line ?? null;
}

/** What a phase line is about: a new one is printed only when this changes. */
export const phaseKey = (job: Job): string => `${job.phase}/${job.waiting ?? ''}`;

/** What the CLI says when it stops watching a job that goes on (Ctrl+C, --timeout, or another process took it over). */
export function stoppedWatchingLine(job: Job, why: 'interrupted' | 'timedOut' | 'takenOver', timeout?: string): string {
  if (why === 'takenOver')
    return `Another Reelbench process took job ${job.id.slice(0, 8)} over while this one was paused; it finishes it there (\`reelbench jobs\` shows it).`;
  const when = why === 'timedOut' ? `Stopped watching after ${timeout} s` : 'Stopped watching';
  if (!isUnfinished(job))
    return `${when}; job ${job.id.slice(0, 8)} has ended (${PHASE_WORDS[job.phase]}): see \`reelbench jobs\`.`;
  const where = job.taskId ? 'APIMart goes on generating it, and ' : '';
  return `${when}. Job ${job.id.slice(0, 8)} is kept (${PHASE_WORDS[job.phase]}): ${where}\`reelbench jobs resume\` finishes it and files the video in the library.`;
}
