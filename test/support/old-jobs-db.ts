import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** A job row as jobs.sqlite held it: the job object and its internals, written as their versions wrote them. */
export interface OldJobRow {
  readonly job: Record<string, unknown>;
  readonly internals: Record<string, unknown>;
}

/** jobs.sqlite as the first version made it: the jobs table alone, none of the later columns or tables. */
export function writeOldJobsDatabase(file: string, rows: readonly OldJobRow[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec(`CREATE TABLE jobs (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, phase TEXT NOT NULL, submitted_at TEXT,
    record TEXT NOT NULL); CREATE INDEX jobs_created ON jobs(created_at);`);
  const insert = db.prepare('INSERT INTO jobs (id, created_at, phase, submitted_at, record) VALUES (?, ?, ?, ?, ?)');
  for (const { job, internals } of rows)
    insert.run(
      String(job['id']),
      String(job['createdAt']),
      String(job['phase']),
      (job['submittedAt'] as string | null) ?? null,
      JSON.stringify({ job, internals }),
    );
  db.close();
}

/** Internals as Sora-era versions wrote them (one prepared image, one upload URL). */
export function soraEraInternals(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    preparedPath: null,
    preparedKey: null,
    uploadUrl: null,
    videoUrl: null,
    submitAttemptAt: null,
    nextRunAt: 0,
    retryDelayMs: 0,
    hidden: false,
    ...fields,
  };
}
