import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import sharp from 'sharp';
import { resolveAppPaths } from '../../electron/services/app-paths.ts';
import { openSettingsStore } from '../../electron/services/settings/settings-store.ts';
import { TERMINAL_PHASES, type JobPhase } from '../../shared/jobs/job-models.ts';
import { startFakeApimart } from '../fake-apimart/fake-server.ts';
import { spawnCli } from '../support/cli-runner.ts';
import type { AppCommand } from './app-process.ts';
import { peakRss, startApp, startCli, type ChaosProcess } from './chaos-processes.ts';
import { createFaultPlan, DEFAULT_RATES, type FaultKind, type FaultRates } from './fault-plan.ts';
import { checkInvariants, type Violation } from './invariant-checker.ts';
import { generateArgs, planJobs, requestOf, tagOf, type ChaosImage, type PlannedJob } from './job-plan.ts';
import { seededRandom } from './seeded-random.ts';

/** How a round is run: `npm run chaos -- --seed S --jobs N --minutes M --processes P`. */
export interface ChaosOptions {
  readonly seed: number;
  readonly jobs: number;
  readonly minutes: number;
  /** `reelbench` processes at once, beside the app's services. */
  readonly processes: number;
  /** Leases short enough that a pause of a few seconds loses one (1.5 s). */
  readonly leaseMs?: number;
  /** Jobs at once per process (4). */
  readonly concurrency?: number;
  readonly rates?: FaultRates;
  /** Progress lines as the round goes. */
  readonly log?: (line: string) => void;
  /** Keep the data and library folders afterwards (they are kept anyway when a promise was broken, unless `keep` is false). */
  readonly keep?: boolean;
}

/** What a round did and found. */
export interface ChaosReport {
  readonly seed: number;
  readonly jobsPlanned: number;
  readonly jobsCreated: number;
  readonly byPhase: Readonly<Partial<Record<JobPhase, number>>>;
  /** Why the jobs without a video ended as they did: `failed (contentPolicy)` → count. */
  readonly endings: Readonly<Record<string, number>>;
  /** From the first job sent to the end of the chaos, and the final clean `jobs resume`. */
  readonly chaosMs: number;
  readonly settleMs: number;
  /** Jobs that reached a final phase per minute of chaos. */
  readonly jobsPerMinute: number;
  readonly kills: number;
  readonly pauses: number;
  readonly appRestarts: number;
  readonly faults: Readonly<Record<FaultKind, number>>;
  readonly tasksBilled: number;
  /** Generation requests the server answered with an earlier task (a re-send under the same Idempotency-Key). */
  readonly replays: number;
  readonly violations: readonly Violation[];
  /** Peak resident memory per kind of process, in bytes (Linux only; null elsewhere). */
  readonly peakRss: { readonly app: number | null; readonly cli: number | null };
  /** The final `jobs resume`: its exit code and what it printed to stderr. */
  readonly settle: { readonly code: number | null; readonly stderr: string };
  /** The round's folder, when kept. */
  readonly dir: string | null;
}

interface ObservedJob {
  readonly id: string;
  readonly phase: JobPhase;
  readonly tag: number | null;
  readonly errorCode: string | null;
}

interface StoredJobJson {
  readonly job: { readonly request: { readonly prompt: string }; readonly error: { readonly code: string } | null };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function makeImages(dir: string): Promise<(image: ChaosImage) => string> {
  await mkdir(dir, { recursive: true });
  const file = (image: ChaosImage) =>
    path.join(dir, image === 'square' ? 'square.jpg' : image === 'portrait' ? 'portrait.webp' : `${image}.png`);
  const card = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: { r: 40, g: 90, b: 160 } } });
  await card(1920, 1080).png().toFile(file('landscape'));
  await card(1000, 1000).jpeg().toFile(file('square'));
  await card(1080, 1920).webp().toFile(file('portrait'));
  await writeFile(file('broken'), Buffer.from('\x89PNG\r\n\x1a\n this is not really an image', 'latin1'));
  return file;
}

/** Reads the jobs every process shares, as the driver needs them (its own connection; it writes nothing). */
function jobObserver(jobsFile: string): { read(): ObservedJob[]; close(): void } {
  let db: DatabaseSync | undefined;
  return {
    read() {
      try {
        db ??= new DatabaseSync(jobsFile);
        db.exec('PRAGMA busy_timeout = 5000');
        const rows = db.prepare('SELECT id, phase, record FROM jobs').all() as {
          id: string;
          phase: JobPhase;
          record: string;
        }[];
        return rows.map((row) => {
          const { job } = JSON.parse(row.record) as StoredJobJson;
          return { id: row.id, phase: row.phase, tag: tagOf(job.request.prompt), errorCode: job.error?.code ?? null };
        });
      } catch {
        // Not created yet, or busy for longer than the timeout: the next tick reads again.
        return [];
      }
    },
    close: () => db?.close(),
  };
}

/**
 * One chaos round: a fake APIMart with a seeded fault plan; the app's services and P `reelbench` processes on one
 * data folder sending planned jobs (some with images, some in batches, some cancelled, some retried) while the
 * driver kills, pauses and restarts them and takes the server down now and then; then one clean `jobs resume`,
 * and the invariant checker.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-chaos-'));
  const dataDir = path.join(dir, 'data');
  const libraryDir = path.join(dir, 'library');
  const plan = createFaultPlan(options.seed, options.rates ?? DEFAULT_RATES);
  const fake = await startFakeApimart({ plan, uniqueVideos: true, balance: 1_000_000, estimatedSeconds: 60 });
  // A second of the server's time every 10 ms: a generation takes about 0.6 s, links live long past the round.
  const ticker = setInterval(() => fake.clock.advance(1_000), 10);
  const imagePath = await makeImages(path.join(dir, 'images'));
  const paths = resolveAppPaths(dataDir);
  await mkdir(dataDir, { recursive: true });
  const settings = await openSettingsStore(paths.settingsFile);
  await settings.update({
    concurrency: options.concurrency ?? 4,
    prices: { 'sora-2-preview': 0.08, 'sora-2-pro-preview': 0.6 },
  });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    REELBENCH_DATA_DIR: dataDir,
    REELBENCH_LIBRARY_DIR: libraryDir,
    REELBENCH_BASE_URL: fake.baseUrl,
    REELBENCH_API_KEY: fake.apiKey,
    REELBENCH_POLL_MIN_MS: '20',
    REELBENCH_LEASE_MS: String(options.leaseMs ?? 1_500),
  };
  const durationMs = options.minutes * 60_000;
  const planned = planJobs(options.seed, options.jobs, durationMs * 0.5);
  const byIndex = new Map(planned.map((job) => [job.index, job]));
  const random = seededRandom(options.seed, 'chaos');
  const observer = jobObserver(paths.jobsFile);
  const slots: (ChaosProcess | null)[] = Array.from({ length: options.processes }, () => null);
  const pendingApp: AppCommand[] = [];
  const cliQueue: PlannedJob[] = [];
  const cancels: { index: number; at: number }[] = [];
  const retried = new Set<number>();
  const resumes: { process: ChaosProcess; at: number }[] = [];
  const rss = { app: null as number | null, cli: null as number | null };
  const counts = { kills: 0, pauses: 0, appRestarts: 0 };
  // Kills and pauses come about every 2.5 s, outages about every 20 s.
  const eventGapMs = 2_500;
  let nextEventAt = Date.now() + random.between(500, eventGapMs * 2);
  let nextOutageAt = Date.now() + random.between(5_000, 30_000);
  let outage = null as Promise<void> | null;
  let app = null as ChaosProcess | null;
  let appStarting = null as Promise<ChaosProcess> | null;
  let appRestartAt = 0;
  let nextPlanned = 0;
  let lastLog = 0;
  let lastSample = 0;
  let observed: ObservedJob[];

  const live = (): ChaosProcess[] =>
    [app, ...slots].filter((process): process is ChaosProcess => process !== null && process.alive());
  const launchApp = () => {
    appStarting = startApp(env).then((started) => {
      app = started;
      appStarting = null;
      return started;
    });
  };
  launchApp();
  await appStarting;

  const start = Date.now();
  const deadline = start + durationMs;
  for (;;) {
    const now = Date.now();
    while (nextPlanned < planned.length && start + (planned[nextPlanned]?.at ?? 0) <= now) {
      const job = planned[nextPlanned] as PlannedJob;
      nextPlanned += 1;
      if (job.cancelAfterMs !== null) cancels.push({ index: job.index, at: now + job.cancelAfterMs });
      if (job.via === 'cli') {
        cliQueue.push(job);
        continue;
      }
      const last = pendingApp.at(-1);
      const previous = byIndex.get(job.index - 1);
      if (last?.type === 'enqueue' && previous?.via === 'app' && previous.batch === job.batch)
        pendingApp[pendingApp.length - 1] = {
          type: 'enqueue',
          requests: [...last.requests, requestOf(job, imagePath)],
        };
      else pendingApp.push({ type: 'enqueue', requests: [requestOf(job, imagePath)] });
    }

    observed = observer.read();
    const unfinished = observed.filter((job) => !TERMINAL_PHASES.has(job.phase));
    for (const [index, slot] of slots.entries()) {
      if (slot?.alive()) continue;
      const next = cliQueue.shift();
      if (next) slots[index] = startCli('generate', generateArgs(next, imagePath), env);
      else if (unfinished.length > 0 && random.chance(0.02)) {
        const resume = startCli('resume', ['jobs', 'resume', '--json', '--timeout', '20'], env);
        slots[index] = resume;
        resumes.push({ process: resume, at: now });
      } else slots[index] = null;
    }

    if (!app?.alive() && !appStarting) {
      if (appRestartAt === 0) appRestartAt = now + random.between(200, 1_000);
      else if (now >= appRestartAt) {
        appRestartAt = 0;
        counts.appRestarts += 1;
        launchApp();
      }
    }
    while (pendingApp.length > 0 && app?.alive() && !app.paused && app.send(pendingApp[0] as AppCommand))
      pendingApp.shift();

    for (const due of cancels.filter((cancel) => cancel.at <= now)) {
      cancels.splice(cancels.indexOf(due), 1);
      const target = observed.find((job) => job.tag === due.index && !TERMINAL_PHASES.has(job.phase));
      if (target) pendingApp.push({ type: 'cancel', id: target.id });
      else if (!observed.some((job) => job.tag === due.index) && now < deadline - 5_000)
        cancels.push({ index: due.index, at: now + 500 });
    }
    for (const job of observed) {
      const plannedJob = job.tag === null ? undefined : byIndex.get(job.tag);
      if (
        !plannedJob?.retryOnFailure ||
        retried.has(plannedJob.index) ||
        job.phase === 'done' ||
        !TERMINAL_PHASES.has(job.phase)
      )
        continue;
      retried.add(plannedJob.index);
      pendingApp.push({ type: 'retry', id: job.id });
    }

    if (now >= nextEventAt) {
      nextEventAt = now + random.between(eventGapMs / 2, eventGapMs * 1.5);
      const candidates = live().filter((process) => !process.paused);
      if (candidates.length > 0) {
        const victim = random.pick(candidates);
        if (random.chance(0.55)) {
          counts.kills += 1;
          victim.child.kill('SIGKILL');
        } else {
          counts.pauses += 1;
          victim.paused = true;
          victim.child.kill('SIGSTOP');
          setTimeout(
            () => {
              victim.paused = false;
              if (victim.alive()) victim.child.kill('SIGCONT');
            },
            random.between(300, 3_500),
          );
        }
      }
    }
    if (now >= nextOutageAt && !outage) {
      nextOutageAt = now + random.between(10_000, 30_000);
      plan.countOutage();
      outage = fake.outage(random.between(400, 2_500)).finally(() => {
        outage = null;
      });
    }
    if (now - lastSample > 500) {
      lastSample = now;
      for (const process of live()) {
        const peak = peakRss(process.child.pid);
        const kind = process.role === 'app' ? 'app' : 'cli';
        if (peak !== null) rss[kind] = Math.max(rss[kind] ?? 0, peak);
      }
    }
    if (now - lastLog > 10_000) {
      lastLog = now;
      log(
        `chaos ${Math.round((now - start) / 1000)} s: ${observed.length} jobs, ${unfinished.length} unfinished, ${counts.kills} kills, ${counts.pauses} pauses, ${fake.ledger().tasks.length} tasks billed`,
      );
    }

    const allSent =
      nextPlanned === planned.length && cliQueue.length === 0 && pendingApp.length === 0 && cancels.length === 0;
    const generating = slots.some((slot) => slot?.alive() && slot.role === 'generate');
    if (now >= deadline || (allSent && !generating && observed.length > 0 && unfinished.length === 0)) break;
    await sleep(50);
  }
  const chaosMs = Date.now() - start;

  // The end of the chaos: everything stops at once, the way a power cut would stop it.
  await appStarting;
  for (const process of live()) process.child.kill('SIGKILL');
  await Promise.all([app, ...slots, ...resumes.map((entry) => entry.process)].map((process) => process?.exited));
  await outage;
  fake.setPlan(null);

  const settleStart = Date.now();
  const settle = await spawnCli(['jobs', 'resume', '--json', '--timeout', '120'], env).done;
  const settleMs = Date.now() - settleStart;
  observed = observer.read();
  observer.close();
  clearInterval(ticker);

  const violations = await checkInvariants({ ledger: fake.ledger(), dataDir, libraryDir, apiKey: fake.apiKey });
  const byPhase: Partial<Record<JobPhase, number>> = {};
  for (const job of observed) byPhase[job.phase] = (byPhase[job.phase] ?? 0) + 1;
  const endings: Record<string, number> = {};
  for (const job of observed.filter((candidate) => candidate.phase !== 'done')) {
    const ending = job.errorCode && job.phase !== 'cancelled' ? `${job.phase} (${job.errorCode})` : job.phase;
    endings[ending] = (endings[ending] ?? 0) + 1;
  }
  const finished = observed.filter((job) => TERMINAL_PHASES.has(job.phase)).length;
  const report: ChaosReport = {
    seed: options.seed,
    jobsPlanned: planned.length,
    jobsCreated: observed.length,
    byPhase,
    endings,
    chaosMs,
    settleMs,
    jobsPerMinute: Math.round((finished / (chaosMs / 60_000)) * 10) / 10,
    ...counts,
    faults: plan.counts(),
    tasksBilled: fake.ledger().tasks.length,
    replays: fake.replays(),
    violations,
    peakRss: rss,
    settle: { code: settle.code, stderr: settle.stderr },
    dir: options.keep === true || (options.keep !== false && violations.length > 0) ? dir : null,
  };
  await fake.close();
  if (report.dir === null) await rm(dir, { recursive: true, force: true });
  return report;
}
