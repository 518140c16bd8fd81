import { z } from 'zod';
import { aspectSchema } from '../catalog/catalog-schema';
import { appErrorDataSchema, messageRefSchema } from '../errors';
import { normalizedRectSchema } from '../images/image-models';

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

/** Phases a job never leaves. */
export const TERMINAL_PHASES: ReadonlySet<JobPhase> = new Set([
  'done',
  'failed',
  'expired',
  'needsAttention',
  'cancelled',
]);

/** Why a job is not moving right now (it will, by itself, when the reason goes away). */
export const jobWaitSchema = z.enum(['network', 'balance', 'rateLimit', 'key', 'disk']).nullable();

/** What to generate: the workbench's (or the CLI's) parameters. */
export const jobRequestSchema = z.object({
  prompt: z.string().min(1).max(10_000),
  model: z.string().min(1),
  duration: z.number().int().positive(),
  aspect: aspectSchema,
  resolution: z.string().min(1),
  /** The user's original reference image; it is prepared (cropped, encoded) by the job. */
  imagePath: z.string().max(4096).nullable().default(null),
  crop: normalizedRectSchema.nullable().default(null),
  title: z.string().max(500).nullable().default(null),
  draftId: z.string().nullable().default(null),
  draftVersionId: z.string().nullable().default(null),
});

/** A generation request. */
export type JobRequest = z.infer<typeof jobRequestSchema>;
/** A generation request as callers write it (optional fields may be left out). */
export type JobRequestInput = z.input<typeof jobRequestSchema>;

/** Warnings were English sentences before they were catalog messages: rows written then read as the same message. */
function legacyWarning(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const minutes = /expires in (\d+) min/.exec(value);
  if (minutes) return { key: 'job.warning.linkExpires', params: { count: Number(minutes[1]) } };
  if (value.startsWith('Abandoned in Reelbench only')) return { key: 'job.warning.abandoned', params: {} };
  return null;
}

/** A job as the window and the CLI see it. */
export const jobSchema = z.object({
  id: z.string().uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
  phase: jobPhaseSchema,
  waiting: jobWaitSchema,
  request: jobRequestSchema,
  /** 0–100 for the phase under way (generation progress while polling, bytes while downloading). */
  progress: z.number().min(0).max(100),
  etaSeconds: z.number().nullable(),
  taskId: z.string().nullable(),
  submittedAt: z.string().nullable(),
  billedSeconds: z.number().nullable(),
  pricePerSecond: z.number().nullable(),
  videoExpiresAt: z.string().nullable(),
  libraryItemId: z.string().nullable(),
  error: appErrorDataSchema.nullable(),
  /** Something the user should know now (a link about to expire), as a catalog message each window translates. */
  warning: z.preprocess(legacyWarning, messageRefSchema.nullable()),
  /**
   * The user cancelled while the billed request's answer was still unknown: the job stops as soon as APIMart's
   * answer says whether it took the job (and what it bills), so a charge is never hidden behind "cancelled".
   */
  cancelRequestedAt: z.string().nullable().default(null),
});

/** A generation job. */
export type Job = z.infer<typeof jobSchema>;

/** Seconds billed and what they cost, for a period. */
export const usagePeriodSchema = z.object({
  jobs: z.number().int(),
  seconds: z.number(),
  /** Null when no price per second was set for any of them. */
  cost: z.number().nullable(),
  /** Jobs whose cost is unknown because no price was set for their model at the time. */
  unpriced: z.number().int(),
});

/** What was spent today and this month (local time), including on tasks that later failed. */
export const usageSchema = z.object({ today: usagePeriodSchema, month: usagePeriodSchema });

/** Spending summary. */
export type Usage = z.infer<typeof usageSchema>;
