import type { Job } from '../../shared/jobs/job-models';
import type { JobRunner } from '../services/jobs/job-runner';
import type { CliIo } from './cli-io';
import { phaseKey, phaseLine, progressBar } from './commands/job-format';

/** How the terminal is drawn on, and how a watch can be cut short. */
export interface WatchOptions {
  /** A progress bar redrawn in place (stderr is a terminal) instead of one line per phase. */
  readonly isTTY: boolean;
  write(text: string): void;
  /** Nothing but the final answer (--json). */
  readonly quiet: boolean;
  /** The host jobs talk to, for "waiting for the network" lines. */
  readonly apiHost: string;
  /** Stop watching after this long (--timeout). */
  readonly timeoutMs?: number | undefined;
  /** Subscribes to job changes as they are recorded; returns the unsubscribe. */
  onChange(listener: (job: Job) => void): () => void;
  /** Whether the job's billed request has been sent and its answer not yet recorded. */
  isSending(id: string): boolean;
  /** Ctrl+C; the process's SIGINT unless a test passes its own. */
  readonly interrupts?: {
    once(event: 'SIGINT', listener: () => void): unknown;
    off(event: 'SIGINT', listener: () => void): unknown;
  };
}

/** How a watch ended: every job settled, or the user stopped watching (the jobs are kept either way). */
export type WatchOutcome = { readonly kind: 'settled' | StopReason; readonly jobs: readonly Job[] };

/** Why watching stopped before the jobs settled: Ctrl+C, --timeout, or another process took the jobs over. */
export type StopReason = 'interrupted' | 'timedOut' | 'takenOver';

const TICK_MS = 250;
/** How long Ctrl+C lets a billed request's answer arrive: an answer usually comes in well under this. */
const SUBMIT_GRACE_MS = 1_500;

/**
 * Shows jobs moving until they settle, the user presses Ctrl+C, or --timeout passes. Stopping never loses a job:
 * it stays in jobs.sqlite for `reelbench jobs resume`. Ctrl+C ends the command within two seconds, always: a billed
 * request on its way gets a moment to be answered, else the job stays "sent, answer unknown", and the same
 * Idempotency-Key settles it later (billed once).
 */
export async function watchJobs(
  runner: JobRunner,
  ids: readonly string[],
  io: CliIo,
  options: WatchOptions,
): Promise<WatchOutcome> {
  const printed = new Map<string, string>();
  const prefix = (job: Job) => (ids.length > 1 ? `${job.id.slice(0, 8)}: ` : '');
  const bar = options.isTTY && ids.length === 1;
  // Phases can pass in milliseconds (no image to prepare, a fast answer): lines follow every recorded change.
  const describe = (job: Job) => {
    if (options.quiet || bar || !ids.includes(job.id) || printed.get(job.id) === phaseKey(job)) return;
    printed.set(job.id, phaseKey(job));
    const line = phaseLine(job, options.apiHost);
    if (line) io.err(`${prefix(job)}${line}`);
  };
  const draw = () => {
    // This process was paused past its leases (a sleeping laptop, SIGSTOP) and another one runs the jobs now.
    if (ids.every((id) => runner.runBy(id) === 'elsewhere')) stop('takenOver');
    if (options.quiet) return;
    if (bar) options.write(`\r${progressBar(runner.get(ids[0] ?? ''))}\u001b[K`);
    // A wait read from the store is what an earlier run saw (another address, a connection since restored): it is
    // said once this process records a wait of its own, not before.
    else for (const job of ids.map((id) => runner.get(id))) if (!job.waiting || recorded.has(job.id)) describe(job);
  };
  const recorded = new Set<string>();
  const unsubscribe = options.onChange((job) => {
    recorded.add(job.id);
    describe(job);
  });

  const interrupts = options.interrupts ?? process;
  let stop: (kind: StopReason) => void = () => undefined;
  const stopped = new Promise<StopReason>((resolve) => (stop = resolve));
  const onInterrupt = () => stop('interrupted');
  interrupts.once('SIGINT', onInterrupt);
  const timeout = options.timeoutMs === undefined ? undefined : setTimeout(() => stop('timedOut'), options.timeoutMs);
  const ticker = setInterval(draw, TICK_MS);
  draw();
  try {
    const outcome = await Promise.race([Promise.all(ids.map((id) => runner.settled(id))), stopped]);
    if (Array.isArray(outcome)) return { kind: 'settled', jobs: outcome };
    await letTheBilledRequestLand(ids, io, options);
    return { kind: outcome, jobs: ids.map((id) => runner.get(id)) };
  } finally {
    clearInterval(ticker);
    unsubscribe();
    clearTimeout(timeout);
    interrupts.off('SIGINT', onInterrupt);
    if (options.isTTY && !options.quiet && ids.length === 1) options.write('\r\u001b[K');
  }
}

async function letTheBilledRequestLand(ids: readonly string[], io: CliIo, options: WatchOptions): Promise<void> {
  const sending = () => ids.some((id) => options.isSending(id));
  const deadline = Date.now() + SUBMIT_GRACE_MS;
  while (sending() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  if (sending() && !options.quiet)
    io.err(
      'The billed request was sent and APIMart has not answered yet: the job is kept as sent, answer unknown. `reelbench jobs resume` asks again with the same Idempotency-Key, so it is billed once at most.',
    );
}
