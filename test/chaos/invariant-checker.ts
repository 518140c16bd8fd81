import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { usageSince } from '../../electron/services/jobs/usage.ts';
import { openJobStore, type JobHistoryEntry, type JobRecord } from '../../electron/services/storage/job-store.ts';
import { TERMINAL_PHASES, type Job } from '../../shared/jobs/job-models.ts';
import { sidecarSchema, type Sidecar } from '../../shared/library/sidecar.ts';
import type { LedgerLine, LedgerTask, ServerLedger } from '../fake-apimart/server-ledger.ts';
import { asDownloaded } from '../support/strip-record';

/** The promises the checker holds the app to. */
export type InvariantRule =
  | 'unreadableJob'
  | 'unfinished'
  | 'taskWithoutJob'
  | 'billedTwice'
  | 'doneWithoutTask'
  | 'doneVideoWrong'
  | 'doneWithoutSidecar'
  | 'filedTwice'
  | 'noReason'
  | 'billedNotShown'
  | 'paidVideoLost'
  | 'expiredWithoutCause'
  | 'temporaryFile'
  | 'catalogMismatch'
  | 'usageMismatch'
  | 'keyPersisted';

/** One broken promise. */
export interface Violation {
  readonly rule: InvariantRule;
  readonly message: string;
  readonly jobId?: string;
  /** The job's history from jobs.sqlite and the server's lines about it, for the report. */
  readonly history?: readonly JobHistoryEntry[];
  readonly serverLines?: readonly LedgerLine[];
}

/** Where the checker looks. */
export interface CheckInput {
  readonly ledger: ServerLedger;
  readonly dataDir: string;
  readonly libraryDir: string;
  /** The API key the processes used: it must be in no file. */
  readonly apiKey: string;
}

/** The Idempotency-Key Reelbench sends for a job (the checker's only link from a billed task to a job). */
const JOB_KEY = /^reelbench-job-([0-9a-f-]{36})$/;

interface LibraryFile {
  readonly relative: string;
  readonly absolute: string;
}

interface FiledVideo {
  readonly sidecar: Sidecar;
  readonly sidecarPath: string;
  readonly videoPath: string | null;
}

async function walk(root: string): Promise<LibraryFile[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const absolute = path.join(entry.parentPath, entry.name);
      return { absolute, relative: path.relative(root, absolute).split(path.sep).join('/') };
    });
}

// The filed video is the downloaded one plus its record (a new movie box): compared as downloaded.
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Files a finished run may leave in the library: videos, sidecars, reference images, posters and removal holds. */
function isExpectedLibraryFile(relative: string): boolean {
  if (relative.startsWith('.reelbench-removed/')) return true;
  const name = path.posix.basename(relative);
  if (
    relative.includes('/') &&
    relative
      .split('/')
      .slice(0, -1)
      .some((segment) => segment.startsWith('.'))
  )
    return false;
  return /\.mp4$/.test(name) || /\.reelbench\.json$/.test(name) || /\.ref\.(jpg|jpeg|png|webp)$/.test(name);
}

async function readLibrary(libraryDir: string): Promise<{ filed: FiledVideo[]; strays: string[]; problems: string[] }> {
  const files = await walk(libraryDir);
  const names = new Set(files.map((file) => file.relative));
  const filed: FiledVideo[] = [];
  const problems: string[] = [];
  for (const file of files.filter(
    (candidate) => candidate.relative.endsWith('.reelbench.json') && !candidate.relative.startsWith('.'),
  )) {
    try {
      const sidecar = sidecarSchema.parse(JSON.parse(await readFile(file.absolute, 'utf8')));
      const video = `${file.relative.slice(0, -'.reelbench.json'.length)}.mp4`;
      filed.push({
        sidecar,
        sidecarPath: file.relative,
        videoPath: names.has(video) ? path.join(libraryDir, ...video.split('/')) : null,
      });
    } catch (error) {
      problems.push(`${file.relative}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return {
    filed,
    strays: files.filter((file) => !isExpectedLibraryFile(file.relative)).map((file) => file.relative),
    problems,
  };
}

function readCatalog(dataDir: string): { id: string; videoPath: string; jobId: string | null }[] {
  const db = new DatabaseSync(path.join(dataDir, 'library', 'catalog.sqlite'), { readOnly: true });
  try {
    return (
      db.prepare('SELECT id, video_path AS videoPath, job_id AS jobId FROM items').all() as {
        id: string;
        videoPath: string;
        jobId: string | null;
      }[]
    ).map((row) => ({ ...row }));
  } finally {
    db.close();
  }
}

async function filesContaining(roots: readonly string[], secret: string): Promise<string[]> {
  const needle = Buffer.from(secret, 'utf8');
  const found: string[] = [];
  for (const root of roots) {
    for (const file of await walk(root)) {
      const bytes = await readFile(file.absolute).catch(() => null);
      if (bytes?.includes(needle)) found.push(file.absolute);
    }
  }
  return found;
}

/**
 * Compares what the server billed and sent with what is on disk. Reads only the server's ledger, jobs.sqlite (with
 * its history and the usage it implies), the library folder and its catalog.
 */
export async function checkInvariants(input: CheckInput): Promise<Violation[]> {
  const violations: Violation[] = [];
  const store = openJobStore(path.join(input.dataDir, 'jobs.sqlite'));
  let records: JobRecord[];
  const histories = new Map<string, JobHistoryEntry[]>();
  try {
    records = store.all();
    for (const record of records) histories.set(record.job.id, store.history(record.job.id));
    for (const row of store.quarantined())
      violations.push({
        rule: 'unreadableJob',
        jobId: row.id,
        message: `job row ${row.id} could not be read: ${row.reason}`,
      });
  } finally {
    store.close();
  }
  const jobs = new Map(records.map((record) => [record.job.id, record.job]));
  const linesFor = (job: Job, tasks: readonly LedgerTask[]) =>
    input.ledger.lines.filter(
      (line) => line.idempotencyKey === `reelbench-job-${job.id}` || tasks.some((task) => task.id === line.taskId),
    );
  const tasksByJob = new Map<string, LedgerTask[]>();
  for (const task of input.ledger.tasks) {
    const jobId = JOB_KEY.exec(task.idempotencyKey ?? '')?.[1];
    if (!jobId || !jobs.has(jobId)) {
      violations.push({
        rule: 'taskWithoutJob',
        message: `task ${task.id} was billed (${task.billedSeconds} s, key ${task.idempotencyKey ?? 'none'}) but no job in jobs.sqlite sent it`,
      });
      continue;
    }
    tasksByJob.set(jobId, [...(tasksByJob.get(jobId) ?? []), task]);
  }

  const library = await readLibrary(input.libraryDir);
  for (const problem of library.problems)
    violations.push({ rule: 'catalogMismatch', message: `unreadable sidecar ${problem}` });
  const filedByJob = new Map<string, FiledVideo[]>();
  for (const filed of library.filed) {
    const jobId = filed.sidecar.generation?.jobId;
    if (jobId) filedByJob.set(jobId, [...(filedByJob.get(jobId) ?? []), filed]);
  }

  for (const job of jobs.values()) {
    const tasks = tasksByJob.get(job.id) ?? [];
    const fail = (rule: InvariantRule, message: string) =>
      violations.push({
        rule,
        jobId: job.id,
        message: `job ${job.id} (${job.phase}): ${message}`,
        history: histories.get(job.id) ?? [],
        serverLines: linesFor(job, tasks),
      });
    const filed = filedByJob.get(job.id) ?? [];
    if (tasks.length > 1)
      fail('billedTwice', `billed ${tasks.length} times: ${tasks.map((task) => task.id).join(', ')}`);
    if (filed.length > 1)
      fail('filedTwice', `filed ${filed.length} times: ${filed.map((entry) => entry.sidecarPath).join(', ')}`);
    if (!TERMINAL_PHASES.has(job.phase)) {
      fail('unfinished', 'still unfinished after the final `jobs resume`');
      continue;
    }
    const [task] = tasks;
    if (task && (job.taskId !== task.id || job.billedSeconds !== task.billedSeconds || job.submittedAt === null)) {
      fail(
        'billedNotShown',
        `the server billed task ${task.id} for ${task.billedSeconds} s, the job shows task ${job.taskId ?? 'none'} and ${job.billedSeconds ?? 'no'} billed seconds`,
      );
    }
    if (job.phase === 'done') {
      if (!task) {
        fail('doneWithoutTask', 'done, but the server billed no task for it');
        continue;
      }
      const [entry] = filed;
      if (!entry || entry.sidecar.id !== job.libraryItemId) {
        fail(
          'doneWithoutSidecar',
          `done as library item ${job.libraryItemId ?? 'none'}, but no sidecar in the library says so`,
        );
        continue;
      }
      const bytes = entry.videoPath ? await readFile(entry.videoPath).catch(() => null) : null;
      if (!bytes) fail('doneVideoWrong', `its sidecar ${entry.sidecarPath} has no video beside it`);
      else if (sha256(asDownloaded(bytes)) !== task.videoSha256)
        fail(
          'doneVideoWrong',
          `${entry.sidecarPath}'s video (${bytes.length} bytes) is not the one the server sent for ${task.id}`,
        );
      continue;
    }
    if (filed.length > 0)
      fail('filedTwice', `not done, yet filed as ${filed.map((entry) => entry.sidecarPath).join(', ')}`);
    if (job.phase !== 'cancelled' && job.error === null) fail('noReason', 'ended without saying why');
    if (task && task.failure === null && (job.phase === 'failed' || job.phase === 'needsAttention')) {
      fail(
        'paidVideoLost',
        `its task ${task.id} produced a video, but the job ended ${job.phase}: ${job.error?.message ?? ''}`,
      );
    }
    if (
      job.phase === 'expired' &&
      !(task && input.ledger.lines.some((line) => line.taskId === task.id && /403/.test(line.outcome)))
    ) {
      fail('expiredWithoutCause', 'marked expired, but the server never said its link had expired');
    }
  }

  for (const stray of library.strays)
    violations.push({ rule: 'temporaryFile', message: `left behind in the library: ${stray}` });
  // Atomic writes' temporary files (and write-file-atomic's `<file>.<number>` of earlier versions) and partial
  // downloads must not outlive a killed process.
  for (const file of await walk(input.dataDir)) {
    if (/\.json\.\d+$|\.part$|\.tmp$|\.reelbench-tmp$/.test(file.relative))
      violations.push({ rule: 'temporaryFile', message: `left behind in the data folder: ${file.relative}` });
  }
  const catalog = readCatalog(input.dataDir);
  const sidecarIds = new Map(
    library.filed.filter((entry) => entry.videoPath).map((entry) => [entry.sidecar.id, entry]),
  );
  const catalogIds = new Map(catalog.map((row) => [row.id, row]));
  for (const [id, entry] of sidecarIds)
    if (!catalogIds.has(id))
      violations.push({ rule: 'catalogMismatch', message: `${entry.sidecarPath} (item ${id}) is not in the catalog` });
  for (const [id, row] of catalogIds)
    if (!sidecarIds.has(id))
      violations.push({
        rule: 'catalogMismatch',
        message: `the catalog lists item ${id} (${row.videoPath}) that has no sidecar and video`,
      });

  const billedByServer = input.ledger.tasks.reduce((sum, task) => sum + task.billedSeconds, 0);
  const billedInUsage = usageSince([...jobs.values()], new Date(0)).seconds;
  if (billedByServer !== billedInUsage)
    violations.push({
      rule: 'usageMismatch',
      message: `the server billed ${billedByServer} s, the usage ledger counts ${billedInUsage} s`,
    });

  for (const file of await filesContaining([input.dataDir, input.libraryDir], input.apiKey))
    violations.push({ rule: 'keyPersisted', message: `the API key is written in ${file}` });
  return violations;
}
