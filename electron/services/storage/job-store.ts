import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { z } from 'zod';
import { jobSchema, type Job } from '../../../shared/jobs/job-models';

/** What only the main process needs to carry a job across restarts. */
export const jobInternalsSchema = z.object({
  preparedPath: z.string().nullable(),
  preparedKey: z.string().nullable(),
  uploadUrl: z.string().nullable(),
  videoUrl: z.string().nullable(),
  /** Set, durably, just before the billed POST; cleared once its answer is recorded. */
  submitAttemptAt: z.string().nullable(),
  /** The Idempotency-Key of the billed POST, stored with the attempt: a re-send uses the same one. */
  idempotencyKey: z.string().nullable().default(null),
  /** When the job should next be looked at (ms since epoch). */
  nextRunAt: z.number(),
  /** The current back-off for waiting jobs. */
  retryDelayMs: z.number(),
  hidden: z.boolean(),
});

/** Main-process-only job state. */
export type JobInternals = z.infer<typeof jobInternalsSchema>;

/** A job with its internals, as stored. */
export interface JobRecord {
  readonly job: Job;
  readonly internals: JobInternals;
}

/** Durable job storage. Writes are synchronous and fully synced: a transition on disk is a transition that happened. */
export interface JobStore {
  save(record: JobRecord): void;
  get(id: string): JobRecord | null;
  all(): JobRecord[];
  /** A runner in this or another process is alive and running jobs (renewed every few seconds while it is). */
  markRunning(runnerId: string, now: number): void;
  /** That runner has stopped. */
  markStopped(runnerId: string): void;
  /** Whether any runner, in any process on this data folder, has shown life recently. */
  anyoneRunning(now: number): boolean;
  close(): void;
}

/** How often a running runner says it is alive, and how long after its last word it counts as gone (a kill -9). */
export const RUNNER_HEARTBEAT_MS = 5_000;
const RUNNER_GONE_AFTER_MS = 4 * RUNNER_HEARTBEAT_MS;

const recordSchema = z.object({ job: jobSchema, internals: jobInternalsSchema });

/** Opens (or creates) the job database. */
export function openJobStore(file: string): JobStore {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  // FULL: the billed POST must never happen unless the record saying so is on the disk first.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
  db.exec(`CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    phase TEXT NOT NULL,
    submitted_at TEXT,
    record TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS jobs_created ON jobs(created_at);
  CREATE TABLE IF NOT EXISTS runners (id TEXT PRIMARY KEY, pid INTEGER NOT NULL, seen_at INTEGER NOT NULL);`);
  const beat = db.prepare('INSERT OR REPLACE INTO runners (id, pid, seen_at) VALUES (?, ?, ?)');
  const gone = db.prepare('DELETE FROM runners WHERE id = ?');
  const alive = db.prepare('SELECT COUNT(*) AS count FROM runners WHERE seen_at >= ?');
  const upsert = db.prepare('INSERT OR REPLACE INTO jobs (id, created_at, phase, submitted_at, record) VALUES (?, ?, ?, ?, ?)');
  const byId = db.prepare('SELECT record FROM jobs WHERE id = ?');
  const everything = db.prepare('SELECT record FROM jobs ORDER BY created_at');
  const parse = (text: unknown): JobRecord | null => {
    const parsed = recordSchema.safeParse(JSON.parse(String(text)));
    return parsed.success ? parsed.data : null;
  };
  return {
    save(record) {
      const { job } = record;
      upsert.run(job.id, job.createdAt, job.phase, job.submittedAt, JSON.stringify(record));
    },
    get(id) {
      const row = byId.get(id) as { record: string } | undefined;
      return row ? parse(row.record) : null;
    },
    all: () => (everything.all() as { record: string }[]).map((row) => parse(row.record)).filter((record): record is JobRecord => record !== null),
    markRunning: (runnerId, now) => void beat.run(runnerId, process.pid, now),
    markStopped: (runnerId) => void gone.run(runnerId),
    anyoneRunning: (now) => Number((alive.get(now - RUNNER_GONE_AFTER_MS) as { count: number }).count) > 0,
    close: () => {
      if (db.isOpen) db.close();
    },
  };
}
