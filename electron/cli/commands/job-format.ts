import type { Job } from '../../../shared/jobs/job-models';

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

/** One short line for a job's state: `generating 45% (about 30 s left)`. */
export function describeJobState(job: Job): string {
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
