// npm run bench (pipeline part):
// 1. downloading a 200 MB video from the fake server (its own process) with the client against `curl -o` followed by
//    an fsync of its file — the same durability the client guarantees — in the same run: throughput ratio, median of
//    --runs (target ≥ 0.9), bare `curl -o` reported beside it, and the client process's RSS growth (target < 64 MB).
//    The target is measured on the CLI's download path (undici with the environment's proxy); the fetch path is
//    reported beside it, with Node's fetch standing in for Electron's net.fetch (Chromium's network stack, which
//    this benchmark cannot run);
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

async function downloadBench(): Promise<void> {
  const bytes = Math.max(1 << 20, Math.round(200 * 1024 * 1024 * scale));
  const source = path.join(dir, 'source.bin');
  await writeRandomFile(source, bytes);
  const server = spawn(
    process.execPath,
    ['--import', './scripts/register-ts.js', 'bench/support/serve-fake-video.ts', source],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [line] = (await once(server.stdout, 'data')) as [Buffer];
  const url = line.toString().trim();
  const base = {
    fetch: (target: string, init: RequestInit) => fetch(target, init),
    baseUrl: 'http://127.0.0.1',
    keySource: { read: async () => null },
  };
  const clients: ReadonlyArray<{ name: string; client: ApimartClient }> = [
    { name: 'undici (CLI)', client: createApimartClient({ ...base, fetch: createEnvProxyFetch({}) }) },
    { name: 'fetch', client: createApimartClient(base) },
  ];
  const curlTimes: number[] = [];
  const curlSyncedTimes: number[] = [];
  const times = new Map<string, number[]>(clients.map(({ name }) => [name, []]));
  const growth = new Map<string, number>(clients.map(({ name }) => [name, 0]));
  try {
    // Run 0 warms up everything (JIT, page cache, connection setup) and is not counted. Runs interleave, so a
    // noisy moment on the machine hurts every contender alike.
    for (let run = 0; run <= runs; run += 1) {
      const curlOut = path.join(dir, `curl-${run}.bin`);
      await settleDisk();
      const curlStart = performance.now();
      const curl = spawn('curl', ['-s', '-o', curlOut, url], { stdio: 'ignore' });
      const [code] = (await once(curl, 'exit')) as [number];
      if (code !== 0) throw new Error(`curl exited ${code}`);
      if (run > 0) curlTimes.push(performance.now() - curlStart);
      // The same file made durable, as the client must make its own: the like-for-like baseline.
      const curlFile = await open(curlOut, 'r+');
      await curlFile.sync();
      await curlFile.close();
      if (run > 0) curlSyncedTimes.push(performance.now() - curlStart);
      await rm(curlOut);

      for (const { name, client } of clients) {
        const ourOut = path.join(dir, `ours-${run}.bin`);
        await settleDisk();
        const baseline = process.memoryUsage.rss();
        let peak = baseline;
        const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
        const start = performance.now();
        await client.download(url, ourOut);
        if (run > 0) times.get(name)?.push(performance.now() - start);
        clearInterval(sampler);
        if (run > 0) growth.set(name, Math.max(growth.get(name) ?? 0, peak - baseline));
        if ((await stat(ourOut)).size !== bytes) throw new Error('incomplete download');
        await rm(ourOut);
      }
    }
  } finally {
    server.kill();
  }
  const megabytes = bytes / (1024 * 1024);
  const theirs = megabytes / (median(curlTimes) / 1000);
  const theirsSynced = megabytes / (median(curlSyncedTimes) / 1000);
  clients.forEach(({ name }, index) => {
    const ours = megabytes / (median(times.get(name) ?? []) / 1000);
    const ratio = ours / theirsSynced;
    const growthMb = (growth.get(name) ?? 0) / (1024 * 1024);
    const verdict = (ok: boolean, low: string) => (index === 0 ? `: ${ok ? 'ok' : low}` : ', not the target path');
    console.log(
      `download ${megabytes.toFixed(0)} MB via ${name}: ${ours.toFixed(0)} MB/s (median of ${runs}); curl -o then fsync ${theirsSynced.toFixed(0)} MB/s, ` +
        `throughput ratio ${ratio.toFixed(2)} (target ≥ 0.9${verdict(ratio >= 0.9, 'BELOW')}); bare curl -o ${theirs.toFixed(0)} MB/s, ratio ${(ours / theirs).toFixed(2)}; ` +
        `RSS growth ${growthMb.toFixed(1)} MB (target < 64 MB${verdict(growthMb < 64, 'ABOVE')})`,
    );
  });
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
