import { z } from 'zod';
import { imageRoleSchema, paramsSchema } from '../catalog/video-model';
import { appErrorDataSchema, messageRefSchema } from '../errors';
import { normalizedRectSchema } from '../images/image-models';
import type { JobPhase } from './job-phases';

export { jobPhaseSchema, TERMINAL_PHASES, type JobPhase } from './job-phases';

/** Why a job is not moving right now (it will, by itself, when the reason goes away). */
const jobWaitSchema = z.enum(['network', 'balance', 'rateLimit', 'key', 'disk']).nullable();

/**
 * One image a job sends: the user's original file and its role; the job prepares (crops, encodes) and uploads it.
 * Across IPC `path` carries the opaque token main issued for the file, never the file's path.
 */
const jobImageSchema = z.object({
  role: imageRoleSchema,
  path: z.string().min(1).max(4096),
  crop: normalizedRectSchema.nullable().default(null),
});

/** An image of a job. */
export type JobImage = z.infer<typeof jobImageSchema>;

/** What to generate: a model and its parameters (checked against the model's schema), the prompt and the images. */
export const jobRequestSchema = z.object({
  prompt: z.string().min(1).max(10_000),
  model: z.string().min(1).max(200),
  params: paramsSchema.default({}),
  images: z.array(jobImageSchema).max(20).default([]),
  title: z.string().max(500).nullable().default(null),
  draftId: z.string().nullable().default(null),
  draftVersionId: z.string().nullable().default(null),
  /** Continue this finished task ("extend this take"): sent to its model's remix endpoint instead of a new generation. */
  extendsTaskId: z.string().min(1).max(200).nullable().default(null),
});

/**
 * A new request as a caller sends it (the window, the CLI): unknown keys are refused rather than dropped, so a caller
 * still writing Sora's flat fields (`duration`, `aspect`) hears so instead of getting a model's defaults.
 */
export const jobRequestInputSchema = jobRequestSchema.strict();

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

/** What every job has, whatever its phase. */
const jobFields = {
  id: z.string().uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
  waiting: jobWaitSchema,
  request: jobRequestSchema,
  /** 0–100 for the phase under way (generation progress while polling, bytes while downloading). */
  progress: z.number().min(0).max(100),
  etaSeconds: z.number().nullable(),
  pricePerSecond: z.number().nullable(),
  /** What APIMart reported the finished task cost (`cost` / `credits_cost`), when it did: the ledger prefers it. */
  reportedCost: z.number().nullable().default(null),
  videoExpiresAt: z.string().nullable(),
  /** Why it is waiting (while it runs), or why it ended. */
  error: appErrorDataSchema.nullable(),
  /** Something the user should know now (a link about to expire), as a catalog message each window translates. */
  warning: z.preprocess(legacyWarning, messageRefSchema.nullable()),
  /**
   * The user cancelled while the billed request's answer was still unknown: the job stops as soon as APIMart's
   * answer says whether it took the job (and what it bills), so a charge is never hidden behind "cancelled".
   */
  cancelRequestedAt: z.string().nullable().default(null),
};

/** Not sent yet: no task, nothing billed. */
const unsent = { taskId: z.null(), submittedAt: z.null(), billedSeconds: z.null(), libraryItemId: z.null() };
/** Accepted by APIMart: a task, and the seconds it bills. */
const sent = {
  taskId: z.string().min(1),
  submittedAt: z.string(),
  billedSeconds: z.number(),
  libraryItemId: z.null(),
};
/** Ended before or after it was sent: a task and a charge when it got that far. */
const ended = {
  taskId: z.string().min(1).nullable(),
  submittedAt: z.string().nullable(),
  billedSeconds: z.number().nullable(),
  libraryItemId: z.null(),
};

/** Phases before the billed request is answered. */
export const UNSENT_PHASES = ['queued', 'preparing', 'uploading', 'submitting'] as const;
/** Phases after APIMart accepted the job, before its video is filed. */
export const SENT_PHASES = ['polling', 'downloading', 'filing'] as const;

/**
 * A job as the window and the CLI see it, one shape per kind of phase, so what cannot be cannot be written: a job
 * being generated has a task id and a charge, a finished one has its library item, a failed one has its reason.
 */
export const jobSchema = z.discriminatedUnion('phase', [
  z.object({ ...jobFields, phase: z.enum(UNSENT_PHASES), ...unsent }),
  z.object({ ...jobFields, phase: z.enum(SENT_PHASES), ...sent }),
  z.object({ ...jobFields, phase: z.literal('done'), ...sent, libraryItemId: z.string().min(1) }),
  z.object({ ...jobFields, phase: z.literal('expired'), ...sent, error: appErrorDataSchema }),
  z.object({ ...jobFields, phase: z.enum(['failed', 'needsAttention']), ...ended, error: appErrorDataSchema }),
  z.object({ ...jobFields, phase: z.literal('cancelled'), ...ended }),
]);

/** A generation job. */
export type Job = z.infer<typeof jobSchema>;

/** A job in one of `P`'s phases, with what those phases guarantee (a task id once sent, an item once done). */
export type JobIn<P extends JobPhase> = Job & { readonly phase: P };

/** Seconds billed and what they cost, for a period. */
const usagePeriodSchema = z.object({
  jobs: z.number().int(),
  seconds: z.number(),
  /** Null when no price per second was set for any of them. What APIMart reported wherever it did, else the estimate. */
  cost: z.number().nullable(),
  /** The same jobs at their estimated price (seconds × price per second), to show beside the reported cost. */
  estimate: z.number().nullable().default(null),
  /** Jobs whose cost is unknown because no price was set for their model at the time. */
  unpriced: z.number().int(),
});

/** Chat requests (script breakdowns, prompt refinements) and what their tokens cost, for a period. */
const chatUsagePeriodSchema = z.object({
  requests: z.number().int(),
  tokens: z.number().int(),
  /** Null when none of them had a known price. */
  cost: z.number().nullable(),
  unpriced: z.number().int(),
});

const noChat = { requests: 0, tokens: 0, cost: null, unpriced: 0 };

/** Lines spoken (voice-over), how long they came out, and what they cost, for a period. */
const speechUsagePeriodSchema = z.object({
  requests: z.number().int(),
  seconds: z.number(),
  /** Null when none of them had a known price. */
  cost: z.number().nullable(),
  unpriced: z.number().int(),
});

const noSpeech = { requests: 0, seconds: 0, cost: null, unpriced: 0 };

/** What was spent today and this month (local time), including on tasks that later failed, and on chat tokens. */
export const usageSchema = z.object({
  today: usagePeriodSchema,
  month: usagePeriodSchema,
  chat: z
    .object({ today: chatUsagePeriodSchema, month: chatUsagePeriodSchema })
    .default({ today: noChat, month: noChat }),
  speech: z
    .object({ today: speechUsagePeriodSchema, month: speechUsagePeriodSchema })
    .default({ today: noSpeech, month: noSpeech }),
});

/** Spending summary. */
export type Usage = z.infer<typeof usageSchema>;
