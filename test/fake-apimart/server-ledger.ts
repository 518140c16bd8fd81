import { createHash } from 'node:crypto';

/** A task the fake created and billed, as its ledger keeps it. */
export interface LedgerTask {
  readonly id: string;
  readonly idempotencyKey: string | null;
  readonly model: string;
  readonly prompt: string;
  /** Seconds billed: the fake bills every task it creates, as the usage ledger counts them. */
  readonly billedSeconds: number;
  /** When it was created, in real milliseconds since epoch. */
  readonly createdAt: number;
  /** The failure the task ends with, or null when it produces a video. */
  readonly failure: string | null;
  /** SHA-256 (hex) of the video its link serves; null for a task that fails. */
  readonly videoSha256: string | null;
}

/** One request the fake answered (or did not), for a violation report. */
export interface LedgerLine {
  /** Real milliseconds since epoch. */
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | null;
  /** The task the request was about: created or replayed by a generation, polled, or downloaded. */
  taskId: string | null;
  /** What happened: a status, a fault, `created`, `replayed`, `dropped`. */
  outcome: string;
}

/** Everything the fake saw that matters for money and videos. */
export interface ServerLedger {
  readonly tasks: readonly LedgerTask[];
  readonly lines: readonly LedgerLine[];
}

/** The hex SHA-256 of some bytes. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The sample video with a top-level MP4 `free` box naming the task appended: still a valid MP4 (readers skip `free`
 * boxes), and different for every task, so a video filed under the wrong job is caught by its hash.
 */
export function videoForTask(sample: Buffer, taskId: string): Buffer {
  const payload = Buffer.from(`reelbench-fake-task ${taskId}`, 'utf8');
  const header = Buffer.alloc(8);
  header.writeUInt32BE(payload.length + 8, 0);
  header.write('free', 4, 'latin1');
  return Buffer.concat([sample, header, payload]);
}
