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
  close(): void;
}

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
  CREATE INDEX IF NOT EXISTS jobs_created ON jobs(created_at);`);
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
    close: () => {
      if (db.isOpen) db.close();
    },
  };
}
