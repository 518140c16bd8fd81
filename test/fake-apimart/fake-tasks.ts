import type { AcceptedGeneration } from './generation-rules.ts';

/** How long a task sits in `pending` before processing starts. */
const PENDING_MS = 3_000;
/** Generated links live about a day. */
const VIDEO_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** A task as the fake keeps it. */
export interface FakeTask {
  readonly id: string;
  readonly generation: AcceptedGeneration;
  readonly createdAt: number;
  /** Seconds the fake says it will take (and takes). */
  readonly estimatedSeconds: number;
  /** When set, the task ends `failed` with this message instead of `completed`. */
  readonly failure: string | null;
  /** What the finished task says it cost (`cost`), when the fake reports costs. */
  readonly cost: number | null;
  cancelled: boolean;
}

/** `url` shape in a completed task: the real service has been seen sending both. */
export type UrlShape = 'array' | 'string';

const seconds = (milliseconds: number) => Math.floor(milliseconds / 1000);

/** The GET /v1/tasks/{id} `data` object for a task at time `now`. */
export function describeTask(
  task: FakeTask,
  now: number,
  videoUrl: string,
  urlShape: UrlShape,
): Record<string, unknown> {
  const elapsed = now - task.createdAt;
  const doneAt = task.createdAt + task.estimatedSeconds * 1000;
  const base = { id: task.id, created: seconds(task.createdAt), estimated_time: task.estimatedSeconds };
  if (task.cancelled) return { ...base, status: 'cancelled', progress: 0 };
  if (elapsed < PENDING_MS) return { ...base, status: 'pending', progress: 0 };
  if (now < doneAt) {
    const progress = Math.min(
      99,
      Math.max(1, Math.floor(((elapsed - PENDING_MS) / (doneAt - task.createdAt - PENDING_MS)) * 100)),
    );
    return { ...base, status: 'processing', progress };
  }
  const finished = { ...base, progress: 100, completed: seconds(doneAt), actual_time: task.estimatedSeconds };
  if (task.failure !== null) {
    return { ...finished, status: 'failed', error: { message: task.failure, type: 'generation_failed' } };
  }
  const expiresAt = seconds(doneAt + VIDEO_LINK_LIFETIME_MS);
  return {
    ...finished,
    status: 'completed',
    ...(task.cost === null ? {} : { cost: task.cost }),
    result: { videos: [{ url: urlShape === 'array' ? [videoUrl] : videoUrl, expires_at: expiresAt }] },
  };
}

/** Whether a task's video link has expired at `now`. */
export function isVideoExpired(task: FakeTask, now: number): boolean {
  return now > task.createdAt + task.estimatedSeconds * 1000 + VIDEO_LINK_LIFETIME_MS;
}

/** Whether the task has finished producing its video at `now`. */
export function isVideoReady(task: FakeTask, now: number): boolean {
  return !task.cancelled && task.failure === null && now >= task.createdAt + task.estimatedSeconds * 1000;
}
