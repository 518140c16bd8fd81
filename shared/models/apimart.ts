/** A task's state on APIMart's side. */
export type TaskStatus = 'pending' | 'processing' | 'completed' | 'failed' | 'cancelled';

/** Why a task failed: a content-policy refusal needs a different next step than anything else. */
export interface TaskFailure {
  readonly kind: 'contentPolicy' | 'other';
  readonly reason: string;
}

interface TaskBase {
  readonly id: string;
  /** 0–100. */
  readonly progress: number;
  readonly estimatedSeconds: number | null;
  /** Milliseconds since epoch. */
  readonly createdAt: number | null;
}

/** One poll of a task, as a discriminated union: only a completed task has a video, only a failed one a failure. */
export type TaskSnapshot =
  | (TaskBase & { readonly status: 'pending' | 'processing' })
  | (TaskBase & {
      readonly status: 'completed';
      readonly completedAt: number | null;
      /** What the task cost, when APIMart reports it (`cost` or `credits_cost`). */
      readonly cost: number | null;
      readonly video: { readonly url: string; readonly expiresAt: number | null };
    })
  | (TaskBase & { readonly status: 'failed'; readonly failure: TaskFailure })
  | (TaskBase & { readonly status: 'cancelled' });

/** The account balance. Its unit (USD, CNY or tokens) depends on the account. */
export interface Balance {
  /** null when the quota is unlimited. */
  readonly remaining: number | null;
  readonly used: number;
  readonly unlimited: boolean;
}

/** A reference image on APIMart's upload host. */
export interface UploadedImage {
  readonly url: string;
  readonly bytes: number;
  readonly contentType: string;
  /** Milliseconds since epoch. */
  readonly uploadedAt: number;
  /** Uploaded images stay reachable for 72 hours. */
  readonly expiresAt: number;
}
