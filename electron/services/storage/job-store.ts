import { randomUUID } from 'node:crypto';
// eslint-disable-next-line no-restricted-syntax -- node:sqlite opens synchronously; its folder and file are checked once, as the store opens
import { mkdirSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { z } from 'zod';
import { jobSchema, TERMINAL_PHASES, type Job, type JobRequest } from '../../../shared/jobs/job-models';
import { inReadTransaction, inTransaction } from './sqlite-transaction';
import { migrateJobInternals, migrateJobRow } from './job-row-migration';

/** What only the main process needs to carry a job across restarts. */
export const jobInternalsSchema = z.object({
  /** Each of the request's images as prepared (and, once uploaded, its URL), in the request's order. */
  images: z
    .array(z.object({ path: z.string(), key: z.string(), url: z.string().nullable() }))
    .max(20)
    .default([]),
  videoUrl: z.string().nullable(),
  /** Set, durably, just before the billed POST; cleared once its answer is recorded. */
  submitAttemptAt: z.string().nullable(),
  /** The Idempotency-Key of the billed POST, stored with the attempt: a re-send uses the same one. */
  idempotencyKey: z.string().nullable().default(null),
  /** The name (without extension) the video is being filed under, recorded before it is moved into the library. */
  filingAs: z.string().nullable().default(null),
  /**
   * The copy of the download, with its record written in and checked, that is moved into the library under `filingAs`:
   * each filing process makes its own, so the download itself is never written to and a takeover starts from it.
   */
  filingFrom: z.string().nullable().default(null),
  /** The SHA-256 of the video as downloaded (record aside): what is filed is checked against it before "done". */
  downloadSha256: z.string().nullable().default(null),
  /** When the job should next be looked at (ms since epoch). */
  nextRunAt: z.number(),
  /** The current back-off for waiting jobs. */
  retryDelayMs: z.number(),
  hidden: z.boolean(),
});

/** Main-process-only job state. */
export type JobInternals = z.infer<typeof jobInternalsSchema>;

/** A job with its internals, as stored. */
export interface JobRecord<J extends Job = Job> {
  readonly job: J;
  readonly internals: JobInternals;
}

/** A new job for `request`, queued at `now` (ms since epoch), before anything of it has happened. */
export function newJobRecord(request: JobRequest, now: number): JobRecord {
  const at = new Date(now).toISOString();
  return {
    job: {
      id: randomUUID(),
      createdAt: at,
      updatedAt: at,
      phase: 'queued',
      waiting: null,
      request,
      progress: 0,
      etaSeconds: null,
      taskId: null,
      submittedAt: null,
      billedSeconds: null,
      pricePerSecond: null,
      reportedCost: null,
      videoExpiresAt: null,
      libraryItemId: null,
      error: null,
      warning: null,
      cancelRequestedAt: null,
    },
    internals: {
      images: [],
      videoUrl: null,
      submitAttemptAt: null,
      idempotencyKey: null,
      filingAs: null,
      filingFrom: null,
      downloadSha256: null,
      nextRunAt: now,
      retryDelayMs: 0,
      hidden: false,
    },
  };
}

/** Who runs a job, and until when that holds unless renewed. */
export interface JobLease {
  readonly owner: string;
  readonly until: number;
}

/** One line of a job's history: each change of where it is, and who wrote it (which process, or the user). */
export interface JobHistoryEntry {
  readonly at: string;
  readonly phase: string;
  readonly waiting: string | null;
  /** What else changed: an error code, a billed request in flight (`sending`), a name being filed under, a take-over. */
  readonly detail: string | null;
  readonly taskId: string | null;
  /** The lease owner (`host:pid:id`) that wrote it, or `user@pid` for a change made without the lease (cancel, hide). */
  readonly by: string;
}

/** A row that could not be read as a job: moved aside, never deleted. */
export interface QuarantinedJob {
  readonly id: string;
  readonly reason: string;
  readonly at: string;
}

/**
 * Durable job storage, shared by every Reelbench process on the data folder. Writes are synchronous and fully synced:
 * a transition on disk is a transition that happened. A job is run by the one process holding its lease; that
 * process's writes are fenced by the lease, so a process that lost it (paused past expiry, say) changes nothing.
 */
export interface JobStore {
  /** Writes a record unconditionally (a new job, or a change by the user such as hiding one). */
  save(record: JobRecord): void;
  /** A new job, leased to `owner` from the start. */
  insert(record: JobRecord, owner: string, leaseUntil: number): void;
  /** Writes the record only while `owner` holds its lease; false when it no longer does. A final phase frees the lease. */
  saveOwned(record: JobRecord, owner: string): boolean;
  /** Takes or extends the lease: only when nobody else holds a live one and the job is not finished. */
  claim(id: string, owner: string, now: number, leaseUntil: number): boolean;
  /** Extends every lease `owner` holds; returns the ids it still holds. */
  renew(owner: string, leaseUntil: number): Set<string>;
  /** Takes a lease over from an owner known to be gone (its process no longer exists). */
  takeOver(id: string, owner: string, goneOwner: string, leaseUntil: number): boolean;
  /** Gives up a lease (the process is stopping). */
  release(id: string, owner: string): void;
  /** Takes a job out of whoever runs it, writing this record (the user cancelled it from another process). */
  seize(record: JobRecord): void;
  /**
   * The user's cancel, decided against the stored job in one transaction: a job whose billed request is out with no
   * answer yet only has the cancel requested (its runner stops it once the answer is in); any other unfinished job is
   * seized and stored as `cancelled(stored)`. Returns the job as it now is, or null when there is none.
   */
  cancel(id: string, cancelled: (stored: JobRecord) => JobRecord, at: string): JobRecord | null;
  lease(id: string): JobLease | null;
  get(id: string): JobRecord | null;
  all(): JobRecord[];
  /** How the job got where it is, oldest first (kept for diagnosis: `reelbench jobs` and the chaos checker read it). */
  history(id: string): JobHistoryEntry[];
  /** Rows that could not be read, moved to a table of their own. */
  quarantined(): QuarantinedJob[];
  /** A number that changes whenever another connection (another process) commits: a cheap "anything new?". */
  changeCounter(): number;
  /**
   * True once the file this store opened is no longer at its path (its folder deleted, or the file replaced by
   * another): writes would go into a file nobody else will ever read, while new processes start an empty one.
   */
  detached(): Promise<boolean>;
  /** The jobs written after revision `since` (every write takes the next revision), and the latest revision. */
  changedSince(since: number): { readonly records: JobRecord[]; readonly revision: number };
  close(): void;
}

const recordSchema = z.object({ job: jobSchema, internals: jobInternalsSchema });

/** A row as the record queries return it. */
interface StoredRow {
  readonly id: string;
  readonly record: string;
  readonly cancel_requested_at?: string | null;
}

/** The part of a record the history keeps beside phase and wait. */
function detailOf({ job, internals }: JobRecord): string | null {
  const parts = [
    job.error?.code ?? null,
    internals.submitAttemptAt ? 'sending' : null,
    internals.filingAs ? `filing as ${internals.filingAs}` : null,
  ];
  const detail = parts.filter((part) => part !== null).join(', ');
  return detail === '' ? null : detail;
}
const TERMINAL = [...TERMINAL_PHASES].map((phase) => `'${phase}'`).join(', ');

const CURRENT_COLUMNS = ['owner', 'lease_until', 'rev', 'cancel_requested_at'];

/** Whether every table, index and column this version uses is there already (a read: no lock taken). */
function schemaIsCurrent(db: DatabaseSync): boolean {
  const names = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')").all() as { name: string }[]).map(
      (row) => row.name,
    ),
  );
  if (
    !['jobs', 'jobs_quarantine', 'job_history', 'jobs_created', 'jobs_rev', 'job_history_job'].every((name) =>
      names.has(name),
    )
  )
    return false;
  const columns = new Set(
    (db.prepare('PRAGMA table_info(jobs)').all() as { name: string }[]).map((column) => column.name),
  );
  return CURRENT_COLUMNS.every((column) => columns.has(column));
}

function addMissingColumns(db: DatabaseSync): void {
  const columns = new Set(
    (db.prepare('PRAGMA table_info(jobs)').all() as { name: string }[]).map((column) => column.name),
  );
  if (!columns.has('owner')) db.exec('ALTER TABLE jobs ADD COLUMN owner TEXT');
  if (!columns.has('lease_until')) db.exec('ALTER TABLE jobs ADD COLUMN lease_until INTEGER');
  if (!columns.has('rev')) db.exec('ALTER TABLE jobs ADD COLUMN rev INTEGER NOT NULL DEFAULT 0');
  // Outside the record, so the owner's writes (which carry its own copy of the record) cannot undo the request.
  if (!columns.has('cancel_requested_at')) db.exec('ALTER TABLE jobs ADD COLUMN cancel_requested_at TEXT');
  db.exec('CREATE INDEX IF NOT EXISTS jobs_rev ON jobs(rev)');
}

/** Opens (or creates) the job database. */
export function openJobStore(file: string): JobStore {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  // The file's identity as opened: SQLite keeps its descriptor, so a replaced or deleted path goes unnoticed by it.
  const opened = statSync(file);
  // FULL: the billed POST must never happen unless the record saying so is on the disk first.
  db.exec('PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
  // Opening must not need the write lock when nothing is to change: another process paused in the middle of a write
  // would otherwise keep this one from even reading its jobs.
  if (!schemaIsCurrent(db)) {
    inTransaction(db, () => {
      db.exec(`CREATE TABLE IF NOT EXISTS jobs (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        phase TEXT NOT NULL,
        submitted_at TEXT,
        record TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS jobs_created ON jobs(created_at);
      CREATE TABLE IF NOT EXISTS jobs_quarantine (id TEXT PRIMARY KEY, record TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS job_history (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id TEXT NOT NULL,
        at TEXT NOT NULL,
        phase TEXT NOT NULL,
        waiting TEXT,
        detail TEXT,
        task_id TEXT,
        by TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS job_history_job ON job_history(job_id, seq);`);
      addMissingColumns(db);
    });
  }
  // Every write of a record takes the next revision, so other processes read only what changed.
  const NEXT = '(SELECT COALESCE(MAX(rev), 0) + 1 FROM jobs)';
  const upsert = db.prepare(
    `INSERT INTO jobs (id, created_at, phase, submitted_at, record, rev) VALUES (?, ?, ?, ?, ?, ${NEXT})
     ON CONFLICT(id) DO UPDATE SET phase = excluded.phase, submitted_at = excluded.submitted_at, record = excluded.record, rev = excluded.rev`,
  );
  const insertLeased = db.prepare(
    `INSERT INTO jobs (id, created_at, phase, submitted_at, record, owner, lease_until, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ${NEXT})`,
  );
  const updateOwned = db.prepare(
    `UPDATE jobs SET phase = ?, submitted_at = ?, record = ?, rev = ${NEXT},
       owner = CASE WHEN ? THEN NULL ELSE owner END, lease_until = CASE WHEN ? THEN NULL ELSE lease_until END
     WHERE id = ? AND owner = ?`,
  );
  const claimLease = db.prepare(
    `UPDATE jobs SET owner = ?, lease_until = ? WHERE id = ? AND phase NOT IN (${TERMINAL})
       AND (owner IS NULL OR owner = ? OR lease_until IS NULL OR lease_until < ?)`,
  );
  const takeOverLease = db.prepare(
    `UPDATE jobs SET owner = ?, lease_until = ? WHERE id = ? AND owner = ? AND phase NOT IN (${TERMINAL})`,
  );
  const renewLeases = db.prepare('UPDATE jobs SET lease_until = ? WHERE owner = ?');
  const heldBy = db.prepare('SELECT id FROM jobs WHERE owner = ?');
  const releaseLease = db.prepare('UPDATE jobs SET owner = NULL, lease_until = NULL WHERE id = ? AND owner = ?');
  const seizeJob = db.prepare(
    `UPDATE jobs SET phase = ?, submitted_at = ?, record = ?, owner = NULL, lease_until = NULL, rev = ${NEXT} WHERE id = ?`,
  );
  const requestCancel = db.prepare(
    `UPDATE jobs SET cancel_requested_at = ?, rev = ${NEXT} WHERE id = ? AND cancel_requested_at IS NULL`,
  );
  const since = db.prepare('SELECT id, record, cancel_requested_at FROM jobs WHERE rev > ? ORDER BY rev');
  const latest = db.prepare('SELECT COALESCE(MAX(rev), 0) AS rev FROM jobs');
  const leaseOf = db.prepare('SELECT owner, lease_until AS until FROM jobs WHERE id = ?');
  const byId = db.prepare('SELECT id, record, cancel_requested_at FROM jobs WHERE id = ?');
  const everything = db.prepare('SELECT id, record, cancel_requested_at FROM jobs ORDER BY created_at');
  const quarantine = db.prepare('INSERT OR REPLACE INTO jobs_quarantine (id, record, reason, at) VALUES (?, ?, ?, ?)');
  const unlist = db.prepare('DELETE FROM jobs WHERE id = ?');
  const quarantinedRows = db.prepare('SELECT id, reason, at FROM jobs_quarantine ORDER BY at');
  const dataVersion = db.prepare('PRAGMA data_version');
  // A line only when something a reader would care about changed: progress ticks while polling are not history.
  const appendHistory = db.prepare(
    `INSERT INTO job_history (job_id, at, phase, waiting, detail, task_id, by)
     SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE NOT EXISTS (
       SELECT 1 FROM (SELECT phase, waiting, detail, task_id FROM job_history WHERE job_id = ?1 ORDER BY seq DESC LIMIT 1) AS last
       WHERE last.phase IS ?3 AND last.waiting IS ?4 AND last.detail IS ?5 AND last.task_id IS ?6)`,
  );
  const historyOf = db.prepare(
    'SELECT at, phase, waiting, detail, task_id AS taskId, by FROM job_history WHERE job_id = ? ORDER BY seq',
  );
  const byUser = `user@${process.pid}`;
  const appendToHistory = (record: JobRecord, by: string, detail: string | null = detailOf(record)): void => {
    const { job } = record;
    appendHistory.run(job.id, job.updatedAt, job.phase, job.waiting, detail, job.taskId, by);
  };

  /** Reads a row; one that is not a job (broken JSON, an unknown shape) is moved to the quarantine table. */
  const read = (row: StoredRow): JobRecord | null => {
    let reason: string;
    try {
      const stored: unknown = JSON.parse(row.record);
      const parsed = recordSchema.safeParse(
        // Stryker disable next-line ConditionalExpression,LogicalOperator: a value that is no object fails the schema either way
        typeof stored === 'object' && stored !== null
          ? {
              ...stored,
              job: migrateJobRow((stored as { job?: unknown }).job),
              internals: migrateJobInternals((stored as { internals?: unknown }).internals),
            }
          : stored,
      );
      if (parsed.success) {
        const requested = row.cancel_requested_at ?? null;
        return requested && !parsed.data.job.cancelRequestedAt
          ? { ...parsed.data, job: { ...parsed.data.job, cancelRequestedAt: requested } }
          : parsed.data;
      }
      reason = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    } catch (error) {
      reason = `not JSON: ${error instanceof Error ? error.message : String(error)}`;
    }
    inTransaction(db, () => {
      quarantine.run(row.id, row.record, reason, new Date().toISOString());
      unlist.run(row.id);
    });
    return null;
  };

  const get = (id: string): JobRecord | null => {
    const row = byId.get(id) as StoredRow | undefined;
    return row ? read(row) : null;
  };
  const columns = (record: JobRecord) => [record.job.phase, record.job.submittedAt, JSON.stringify(record)] as const;
  return {
    save(record) {
      const { job } = record;
      inTransaction(db, () => {
        upsert.run(job.id, job.createdAt, job.phase, job.submittedAt, JSON.stringify(record));
        appendToHistory(record, byUser);
      });
    },
    insert(record, owner, leaseUntil) {
      inTransaction(db, () => {
        insertLeased.run(record.job.id, record.job.createdAt, ...columns(record), owner, leaseUntil);
        appendToHistory(record, owner);
      });
    },
    saveOwned(record, owner) {
      const final = TERMINAL_PHASES.has(record.job.phase) ? 1 : 0;
      return inTransaction(db, () => {
        const written = Number(updateOwned.run(...columns(record), final, final, record.job.id, owner).changes) === 1;
        if (written) appendToHistory(record, owner);
        return written;
      });
    },
    claim: (id, owner, now, leaseUntil) => Number(claimLease.run(owner, leaseUntil, id, owner, now).changes) === 1,
    renew(owner, leaseUntil) {
      return inTransaction(db, () => {
        renewLeases.run(leaseUntil, owner);
        return new Set((heldBy.all(owner) as { id: string }[]).map((row) => row.id));
      });
    },
    takeOver(id, owner, goneOwner, leaseUntil) {
      return inTransaction(db, () => {
        const taken = Number(takeOverLease.run(owner, leaseUntil, id, goneOwner).changes) === 1;
        const record = taken ? get(id) : null;
        if (record)
          appendToHistory(
            { ...record, job: { ...record.job, updatedAt: new Date().toISOString() } },
            owner,
            `took over from ${goneOwner}`,
          );
        return taken;
      });
    },
    release: (id, owner) => void releaseLease.run(id, owner),
    seize(record) {
      inTransaction(db, () => {
        seizeJob.run(...columns(record), record.job.id);
        appendToHistory(record, byUser);
      });
    },
    cancel(id, cancelled, at) {
      return inTransaction(db, () => {
        const stored = get(id);
        if (!stored || TERMINAL_PHASES.has(stored.job.phase)) return stored;
        // Filing under way (its name claimed, its sidecar perhaps written): the video is paid for and on this disk,
        // so a cancel now comes too late — the job finishes into the library rather than leave a filed orphan.
        if (stored.internals.filingAs !== null) {
          appendToHistory({ ...stored, job: { ...stored.job, updatedAt: at } }, byUser, 'cancel too late: filing');
          return stored;
        }
        if (stored.internals.submitAttemptAt !== null && stored.job.taskId === null) {
          requestCancel.run(at, id);
          const requested = get(id);
          // Stryker disable next-line ConditionalExpression: null only if the row vanished inside this transaction
          if (requested)
            appendToHistory({ ...requested, job: { ...requested.job, updatedAt: at } }, byUser, 'cancel requested');
          return requested;
        }
        const record = cancelled(stored);
        seizeJob.run(...columns(record), id);
        appendToHistory(record, byUser);
        return record;
      });
    },
    lease(id) {
      const row = leaseOf.get(id) as { owner: string | null; until: number | null } | undefined;
      // Stryker disable next-line LogicalOperator,ConditionalExpression: owner and until are only ever set and cleared together
      return row?.owner && row.until !== null ? { owner: row.owner, until: row.until } : null;
    },
    get,
    all: () =>
      (everything.all() as unknown as StoredRow[]).map(read).filter((record): record is JobRecord => record !== null),
    history: (id) => historyOf.all(id) as unknown as JobHistoryEntry[],
    quarantined: () => quarantinedRows.all() as unknown as QuarantinedJob[],
    changeCounter: () => Number((dataVersion.get() as { data_version: number }).data_version),
    async detached() {
      const now = await stat(file).catch(() => null);
      // The birth time as well: a file made at once at the same path may get the deleted file's inode number back.
      // Stryker disable next-line ConditionalExpression: three ways to tell one file from another; a test replaces all three at once
      return now === null || now.ino !== opened.ino || now.dev !== opened.dev || now.birthtimeMs !== opened.birthtimeMs;
    },
    changedSince(revision) {
      // A read transaction (one snapshot for the rows and the revision), which never waits for a writer.
      return inReadTransaction(db, () => ({
        records: (since.all(revision) as unknown as StoredRow[])
          .map(read)
          .filter((record): record is JobRecord => record !== null),
        revision: Number((latest.get() as { rev: number }).rev),
      }));
    },
    close: () => {
      if (db.isOpen) db.close();
    },
  };
}
