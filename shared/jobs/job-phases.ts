import { z } from 'zod';

/**
 * Where a job is. Every transition is written to disk before its side effect and after it, so a crash at any
 * instant leaves a phase that says what to do next.
 */
export const jobPhaseSchema = z.enum([
  'queued',
  'preparing',
  'uploading',
  'submitting',
  'polling',
  'downloading',
  'filing',
  'done',
  'failed',
  'expired',
  'needsAttention',
  'cancelled',
]);

/** A job's phase. */
export type JobPhase = z.infer<typeof jobPhaseSchema>;

/** What is true of every job in a phase: the one place the runner, the queue, the dock and the CLI read it from. */
export interface PhaseFacts {
  /** A job never leaves it. */
  readonly terminal: boolean;
  /** Whether a job here has a task at APIMart (and so a charge): never, always, or when it got that far. */
  readonly task: 'none' | 'always' | 'maybe';
  /** Which due job runs first: finishing what is paid for comes before starting new work (lower first). */
  readonly runOrder: number | null;
  /** The share of a whole job this phase covers, for the dock and taskbar progress bar. */
  readonly progressSpan: readonly [number, number] | null;
  /** A job arriving here is told about in an OS notification (when the window is not in front). */
  readonly notifies: boolean;
}

/** Every phase's facts. */
export const PHASE_FACTS: Readonly<Record<JobPhase, PhaseFacts>> = {
  queued: { terminal: false, task: 'none', runOrder: 6, progressSpan: null, notifies: false },
  preparing: { terminal: false, task: 'none', runOrder: 5, progressSpan: [0, 0.05], notifies: false },
  uploading: { terminal: false, task: 'none', runOrder: 4, progressSpan: [0.05, 0.1], notifies: false },
  submitting: { terminal: false, task: 'none', runOrder: 3, progressSpan: [0.1, 0.15], notifies: false },
  polling: { terminal: false, task: 'always', runOrder: 2, progressSpan: [0.15, 0.85], notifies: false },
  downloading: { terminal: false, task: 'always', runOrder: 1, progressSpan: [0.85, 0.98], notifies: false },
  filing: { terminal: false, task: 'always', runOrder: 0, progressSpan: [0.98, 1], notifies: false },
  done: { terminal: true, task: 'always', runOrder: null, progressSpan: null, notifies: true },
  failed: { terminal: true, task: 'maybe', runOrder: null, progressSpan: null, notifies: true },
  expired: { terminal: true, task: 'always', runOrder: null, progressSpan: null, notifies: true },
  needsAttention: { terminal: true, task: 'maybe', runOrder: null, progressSpan: null, notifies: true },
  cancelled: { terminal: true, task: 'maybe', runOrder: null, progressSpan: null, notifies: false },
};

/** Phases a job never leaves. */
export const TERMINAL_PHASES: ReadonlySet<JobPhase> = new Set(
  jobPhaseSchema.options.filter((phase) => PHASE_FACTS[phase].terminal),
);

/** Whether a job in this phase is still going (or waiting to). */
export const isActivePhase = (phase: JobPhase): boolean => !PHASE_FACTS[phase].terminal;
