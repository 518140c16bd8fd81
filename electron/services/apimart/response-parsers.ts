import { exactMoney } from '../../../shared/text/money';
import { parseJsonWithin } from '../../../shared/text/bounded-json';
import { z } from 'zod';
import type { Balance, TaskSnapshot, UploadedImage } from '../../../shared/models/apimart';
import { shortenText } from '../../../shared/text/shorten';
import { apiErrors } from './api-error';
import { isPolicyRefusal } from './error-body';

const UPLOAD_LIFETIME_MS = 72 * 60 * 60 * 1000;

/** A body as JSON, or a `malformed` error that keeps the raw text for diagnosis. */
export function parseJson(body: string, what: string): unknown {
  try {
    return parseJsonWithin(body);
  } catch {
    throw apiErrors.malformed(`${what}: not JSON`, { rawBody: body });
  }
}

// Unknown extra fields are normal: schemas are loose (zod objects strip, never reject, extra keys).
const uploadSchema = z.object({
  url: z.string().url(),
  bytes: z.number().nonnegative().optional(),
  content_type: z.string().optional(),
  created_at: z.number().optional(),
});

/** `POST /v1/uploads/images` → the uploaded image. */
export function parseUpload(body: string, now: number): UploadedImage {
  const parsed = uploadSchema.safeParse(parseJson(body, 'upload'));
  if (!parsed.success) throw apiErrors.malformed('upload without a URL', { rawBody: body });
  const uploadedAt = parsed.data.created_at !== undefined ? parsed.data.created_at * 1000 : now;
  return {
    url: parsed.data.url,
    bytes: parsed.data.bytes ?? 0,
    contentType: parsed.data.content_type ?? 'application/octet-stream',
    uploadedAt,
    expiresAt: uploadedAt + UPLOAD_LIFETIME_MS,
  };
}

// The original answer names the task `task_id` (in a one-element array); response version 2026-07-27 answers one
// object with `id`. Either shape, either name.
const taskIdSchema = z.union([z.object({ task_id: z.string().min(1) }), z.object({ id: z.string().min(1) })]);
const createSchema = z.object({ data: z.union([z.array(taskIdSchema).min(1), taskIdSchema]) });

/** `POST /v1/videos/generations` → the task id (data as an array, or as one object). */
export function parseCreate(body: string): { taskId: string } {
  const parsed = createSchema.safeParse(parseJson(body, 'create'));
  if (!parsed.success) throw apiErrors.malformed('no task id in the answer', { rawBody: body });
  const data = parsed.data.data;
  const first = Array.isArray(data) ? data[0] : data;
  if (!first) throw apiErrors.malformed('no task id in the answer', { rawBody: body });
  return { taskId: 'task_id' in first ? first.task_id : first.id };
}

const videoSchema = z.object({
  url: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  expires_at: z.number().optional().nullable(),
});
const taskSchema = z.object({
  data: z.object({
    id: z.string().min(1),
    status: z.enum(['pending', 'processing', 'completed', 'failed', 'cancelled']),
    progress: z.number().optional().nullable(),
    estimated_time: z.number().optional().nullable(),
    created: z.number().optional().nullable(),
    completed: z.number().optional().nullable(),
    cost: z.coerce.number().optional().nullable().catch(null),
    credits_cost: z.coerce.number().optional().nullable().catch(null),
    result: z
      .object({ videos: z.array(videoSchema).optional() })
      .optional()
      .nullable(),
    error: z
      .union([z.object({ message: z.string().optional() }), z.string()])
      .optional()
      .nullable(),
  }),
});

const seconds = (value: number | null | undefined) => (typeof value === 'number' ? value * 1000 : null);

/** `GET /v1/tasks/{id}` → a snapshot; a completed task without a video URL is an error, not a silent success. */
export function parseTask(body: string): TaskSnapshot {
  const parsed = taskSchema.safeParse(parseJson(body, 'task'));
  if (!parsed.success) throw apiErrors.malformed('unexpected task status', { rawBody: body });
  const task = parsed.data.data;
  const base = {
    id: task.id,
    progress: Math.min(100, Math.max(0, Math.round(task.progress ?? 0))),
    estimatedSeconds: task.estimated_time ?? null,
    createdAt: seconds(task.created),
  };
  switch (task.status) {
    case 'pending':
    case 'processing':
      return { ...base, status: task.status };
    case 'cancelled':
      return { ...base, status: 'cancelled' };
    case 'failed': {
      const reason = shortenText(
        (typeof task.error === 'string' ? task.error : task.error?.message)?.trim() || 'No reason was given.',
      );
      return {
        ...base,
        status: 'failed',
        failure: { kind: isPolicyRefusal(reason) ? 'contentPolicy' : 'other', reason },
      };
    }
    case 'completed': {
      const video = task.result?.videos?.[0];
      const url = Array.isArray(video?.url) ? video.url[0] : video?.url;
      if (!video || !url) throw apiErrors.malformed('completed task without a video link', { rawBody: body });
      return {
        ...base,
        status: 'completed',
        progress: 100,
        completedAt: seconds(task.completed),
        cost: task.cost ?? task.credits_cost ?? null,
        video: { url, expiresAt: seconds(video.expires_at) },
      };
    }
  }
}

const balanceSchema = z.object({
  success: z.boolean().optional(),
  message: z.string().optional(),
  remain_balance: z.number().optional(),
  used_balance: z.number().optional(),
  unlimited_quota: z.boolean().optional(),
});

/** `GET /v1/balance` → the balance; `success: false` with a 200 status is still a refusal. */
export function parseBalance(body: string): Balance {
  const parsed = balanceSchema.safeParse(parseJson(body, 'balance'));
  if (!parsed.success) throw apiErrors.malformed('unexpected balance answer', { rawBody: body });
  const data = parsed.data;
  if (data.success === false) {
    const detail = { rawBody: body, serverMessage: data.message };
    throw /key|token|auth/i.test(data.message ?? '') ? apiErrors.auth(detail) : apiErrors.invalidRequest(detail);
  }
  if (data.remain_balance === undefined) throw apiErrors.malformed('balance missing', { rawBody: body });
  const unlimited = data.unlimited_quota === true || data.remain_balance === -1;
  // A server's sums may carry float drift (99.60000000000002): kept to the micro-unit, as every amount here is.
  return {
    remaining: unlimited ? null : exactMoney(data.remain_balance),
    used: exactMoney(data.used_balance ?? 0),
    unlimited,
  };
}

/** The content-policy error for a failed task, or null for other failures (handled as ordinary failures). */
export function failureError(snapshot: TaskSnapshot) {
  return snapshot.status === 'failed' && snapshot.failure.kind === 'contentPolicy'
    ? apiErrors.contentPolicy(snapshot.failure.reason)
    : null;
}
