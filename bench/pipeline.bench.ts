// npm run bench (pipeline part):
// 1. downloading a 200 MB video at link speed: a file server in its own process paces its bytes to 40 MB/s and to
//    120 MB/s (a fast home line, a fast office line). Each of the client's paths — the CLI's (undici with the
//    environment's proxy) and the app's fetch (Node's fetch standing in for Electron's net.fetch, Chromium's network
//    stack, which this benchmark cannot run) — against `curl -o` followed by an fsync of its file, the same
//    durability the client guarantees, interleaved in one run: throughput ratio, median of --runs (target ≥ 0.97 at
//    both speeds), the client process's RSS growth (target < 64 MB), and CPU seconds per GB beside curl's (no
//    target). The unpaced loopback figure is printed too, without a target;
// 2. 50 concurrent tasks against the fake server — polling requests per task-minute, with job leases against the
//    same runner with leases that cost nothing (every claim granted, writes unfenced): the lease overhead, ±10%.
// `--scale 0.01` shrinks the file and the polling window for a smoke run.
import { spawn } from 'node:child_process';
import { SNAPSHOT_CATALOG } from '../shared/catalog/model-catalog.ts';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { createApimartClient, type ApimartClient } from '../electron/services/apimart/apimart-client.ts';
import { createEnvProxyFetch } from '../electron/services/apimart/env-proxy-fetch.ts';
import { createJobRunner } from '../electron/services/jobs/job-runner.ts';
import { createImageService } from '../electron/services/images/image-service.ts';
import { openUploadCache } from '../electron/services/images/upload-cache.ts';
import { openJobStore, type JobStore } from '../electron/services/storage/job-store.ts';
import { startFakeApimart } from '../test/fake-apimart/fake-server.ts';
import { createFakeClock } from '../test/fake-apimart/fake-clock.ts';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '5' } },
});
const scale = Number(values.scale);
const runs = Math.max(1, Number(values.runs));
const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0;
const dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-pipeline-bench-'));

/** Random bytes behind an MP4's `ftyp` signature: the client files only what starts like a video. */
async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypmp42'), 0, 0, 0, 0, ...Buffer.from('mp42isom')]));
  for (let written = 24; written < bytes; written += 1 << 20) {
    if (!out.write(randomBytes(Math.min(1 << 20, bytes - written)))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/**
 * Writes every dirty page out (`sync`) before a timed download, so no contender pays for writing back the file of
 * the one before it (curl leaves 200 MB in the page cache; the client syncs its own file, as it must).
 */
async function settleDisk(): Promise<void> {
  if (process.platform === 'win32') return; // no `sync` command there; Windows writes back on its own schedule
  const sync = spawn('sync', [], { stdio: 'ignore' });
  await once(sync, 'exit');
}

/** `curl -o` then an fsync of its file: wall time with and without the fsync, and curl's own CPU seconds. */
async function curlDownload(url: string, out: string): Promise<{ ms: number; syncedMs: number; cpuSeconds: number }> {
  const start = performance.now();
  // bash's `times` prints the shell's CPU time, then its children's: curl's.
  const shell = spawn('bash', ['-c', 'curl -s -o "$1" "$2" || exit 1; times', 'bash', out, url], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let printed = '';
  shell.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const [code] = (await once(shell, 'exit')) as [number];
  if (code !== 0) throw new Error(`curl exited ${code}`);
  const ms = performance.now() - start;
  const file = await open(out, 'r+');
  await file.sync();
  await file.close();
  const syncedMs = performance.now() - start;
  const children = printed.trim().split('\n').at(-1) ?? '';
  const cpuSeconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (sum, [, minutes, seconds]) => sum + Number(minutes) * 60 + Number(seconds),
    0,
  );
  return { ms, syncedMs, cpuSeconds };
}

async function downloadBench(): Promise<void> {
  const bytes = Math.max(1 << 20, Math.round(200 * 1024 * 1024 * scale));
  const source = path.join(dir, 'source.bin');
  await writeRandomFile(source, bytes);
  const server = spawn(
    process.execPath,
    ['--import', './scripts/register-ts.js', 'bench/support/serve-paced-file.ts', source],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [line] = (await once(server.stdout, 'data')) as [Buffer];
  const address = line.toString().trim();
  const base = {
    fetch: (target: string, init: RequestInit) => fetch(target, init),
    baseUrl: 'http://127.0.0.1',
    keySource: { read: async () => null },
  };
  const clients: ReadonlyArray<{ name: string; client: ApimartClient }> = [
    { name: 'the CLI (undici)', client: createApimartClient({ ...base, fetch: createEnvProxyFetch({}) }) },
    { name: "the app's fetch", client: createApimartClient(base) },
  ];
  const megabytes = bytes / (1024 * 1024);
  const gigabytes = bytes / 1024 ** 3;
  try {
    for (const rate of [40, 120, null] as const) {
      const url = rate === null ? `${address}/full` : `${address}/paced/${rate}`;
      const curl = { synced: [] as number[], bare: [] as number[], cpu: [] as number[] };
      const times = new Map<string, number[]>(clients.map(({ name }) => [name, []]));
      const cpu = new Map<string, number[]>(clients.map(({ name }) => [name, []]));
      const growth = new Map<string, number>(clients.map(({ name }) => [name, 0]));
      // Run 0 warms up everything (JIT, page cache, connection setup) and is not counted. Runs interleave, so a
      // noisy moment on the machine hurts every contender alike.
      for (let run = 0; run <= runs; run += 1) {
        const curlOut = path.join(dir, `curl-${run}.bin`);
        await settleDisk();
        const theirs = await curlDownload(url, curlOut);
        if (run > 0) {
          curl.synced.push(theirs.syncedMs);
          curl.bare.push(theirs.ms);
          curl.cpu.push(theirs.cpuSeconds);
        }
        await rm(curlOut);

        for (const { name, client } of clients) {
          const ourOut = path.join(dir, `ours-${run}.bin`);
          await settleDisk();
          const baseline = process.memoryUsage.rss();
          let peak = baseline;
          const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 25);
          const cpuBefore = process.cpuUsage();
          const start = performance.now();
          await client.download(url, ourOut);
          const elapsed = performance.now() - start;
          const used = process.cpuUsage(cpuBefore);
          clearInterval(sampler);
          if (run > 0) {
            times.get(name)?.push(elapsed);
            cpu.get(name)?.push((used.user + used.system) / 1e6);
            growth.set(name, Math.max(growth.get(name) ?? 0, peak - baseline));
          }
          if ((await stat(ourOut)).size !== bytes) throw new Error('incomplete download');
          await rm(ourOut);
        }
      }
      const speed = rate === null ? 'unpaced loopback' : `paced to ${rate} MB/s`;
      const theirs = megabytes / (median(curl.synced) / 1000);
      const curlCpu = median(curl.cpu) / gigabytes;
      for (const { name } of clients) {
        const ours = megabytes / (median(times.get(name) ?? []) / 1000);
        const ratio = ours / theirs;
        const growthMb = (growth.get(name) ?? 0) / (1024 * 1024);
        const target = rate === null ? 'no target' : `target ≥ 0.97: ${ratio >= 0.97 ? 'ok' : 'BELOW'}`;
        console.log(
          `download ${megabytes.toFixed(0)} MB ${speed} via ${name}: ${ours.toFixed(1)} MB/s (median of ${runs}); ` +
            `curl -o then fsync ${theirs.toFixed(1)} MB/s, ratio ${ratio.toFixed(2)} (${target}); ` +
            `RSS growth ${growthMb.toFixed(1)} MB (target < 64 MB: ${growthMb < 64 ? 'ok' : 'ABOVE'}); ` +
            `CPU ${(median(cpu.get(name) ?? []) / gigabytes).toFixed(2)} s/GB, curl ${curlCpu.toFixed(2)} s/GB`,
        );
      }
    }
  } finally {
    server.kill();
  }
}

/** The job store with leases that cost nothing: every claim granted, every write unfenced (the runner before leases). */
function withoutLeases(store: JobStore): JobStore {
  return {
    ...store,
    claim: () => true,
    renew: () => new Set(),
    saveOwned: (record) => {
      store.save(record);
      return true;
    },
    insert: (record) => store.save(record),
    lease: () => null,
  };
}

async function pollingBench(label: string, wrap: (store: JobStore) => JobStore): Promise<number> {
  const tasks = 50;
  // At least two poll intervals (the floor is 5 s), even in a smoke run, so the two runs can be compared.
  const windowMs = Math.max(12_000, Math.round(60_000 * scale));
  // Real time here: the polling schedule is what is being measured.
  const fake = await startFakeApimart({ clock: createFakeClock(), estimatedSeconds: 3_600, balance: 1e6 });
  const ticker = setInterval(() => fake.clock.advance(100), 100);
  const store = openJobStore(path.join(dir, `jobs-${label}.sqlite`));
  const runner = createJobRunner({
    store: wrap(store),
    client: () =>
      createApimartClient({
        fetch: (target, init) => fetch(target, init),
        baseUrl: fake.baseUrl,
        keySource: { read: async () => fake.apiKey },
      }),
    images: createImageService({ cacheDir: path.join(dir, 'cache') }),
    uploadCache: () => openUploadCache(path.join(dir, 'uploads.json')),
    library: async () => {
      throw new Error('not reached: tasks run for an hour');
    },
    concurrency: () => tasks,
    pricePerSecond: () => null,
    models: () => SNAPSHOT_CATALOG,
  });
  runner.start();
  for (let index = 0; index < tasks; index += 1)
    runner.enqueue({
      prompt: `task ${index}`,
      model: 'sora-2-preview',
      params: { duration: 4, aspect_ratio: 'landscape' },
    });
  const before = fake.count('task');
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const polls = fake.count('task') - before;
  await runner.stop();
  store.close();
  clearInterval(ticker);
  await fake.close();
  const perTaskMinute = polls / tasks / (windowMs / 60_000);
  console.log(
    `polling ${label}: ${tasks} concurrent tasks for ${(windowMs / 1000).toFixed(0)} s: ${polls} requests, ${perTaskMinute.toFixed(1)} per task-minute (floor 5 s allows at most 12)`,
  );
  return perTaskMinute;
}

try {
  await downloadBench();
  if (process.env.REELBENCH_BENCH_SKIP_POLLING !== '1') {
    const baseline = await pollingBench('without leases (baseline)', withoutLeases);
    const leased = await pollingBench('with leases', (store) => store);
    const ratio = leased / baseline;
    console.log(
      `lease overhead: polling ${ratio.toFixed(2)}× the baseline (target within ±10%: ${Math.abs(ratio - 1) <= 0.1 ? 'ok' : 'OUTSIDE'})`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
