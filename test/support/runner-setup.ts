import { mkdtemp, rm } from 'node:fs/promises';
import { SNAPSHOT_CATALOG } from '../../shared/catalog/model-catalog.ts';
import os from 'node:os';
import path from 'node:path';
import { createApimartClient } from '../../electron/services/apimart/apimart-client';
import { resolveAppPaths, type AppPaths } from '../../electron/services/app-paths';
import { createImageService } from '../../electron/services/images/image-service';
import { openUploadCache } from '../../electron/services/images/upload-cache';
import { createJobRunner, type JobRunner, type JobRunnerDeps } from '../../electron/services/jobs/job-runner';
import { createRateGate } from '../../electron/services/jobs/rate-gate';
import type { LibraryHost } from '../../electron/services/library/library-host';
import { openSettingsStore } from '../../electron/services/settings/settings-store';
import { openJobStore, type JobStore } from '../../electron/services/storage/job-store';
import type { Job } from '../../shared/jobs/job-models';
import { startFakeApimart, type FakeApimart, type FakeApimartOptions } from '../fake-apimart/fake-server.ts';
import { createTestLibraryHost } from './test-library-host';

/** A job runner wired as the app wires it, against a fake APIMart whose clock runs 100× faster than real time. */
export interface RunnerSetup {
  readonly fake: FakeApimart;
  readonly paths: AppPaths;
  readonly library: LibraryHost;
  readonly events: Job[];
  runner: JobRunner;
  store: JobStore;
  key: string | null;
  baseUrl: string;
  /** Stops the runner (as a quit or a crash would leave it) and starts a fresh one over the same database. */
  restart(): Promise<JobRunner>;
  /** Another runner on the same data folder, with a connection of its own: a second Reelbench process. */
  beside(options?: Partial<JobRunnerDeps>): JobRunner;
  close(): Promise<void>;
}

export async function setupRunner(
  fakeOptions: FakeApimartOptions = {},
  runnerOptions: Partial<JobRunnerDeps> = {},
): Promise<RunnerSetup> {
  const fake = await startFakeApimart({ estimatedSeconds: 12, ...fakeOptions });
  const ticker = setInterval(() => fake.clock.advance(1_000), 10);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-runner-'));
  const paths = resolveAppPaths(path.join(dir, 'data'));
  const settings = await openSettingsStore(paths.settingsFile);
  const { host: library } = createTestLibraryHost(paths, settings, 'app://reelbench');
  await library.open();
  const images = createImageService({ cacheDir: paths.cacheDir });
  const gate = createRateGate((url, init) => fetch(url, init));
  const events: Job[] = [];

  const setup: RunnerSetup = {
    fake,
    paths,
    library,
    events,
    key: fake.apiKey,
    baseUrl: fake.baseUrl,
    store: openJobStore(paths.jobsFile),
    runner: undefined as unknown as JobRunner,
    async restart() {
      await setup.runner.stop();
      setup.store.close();
      setup.store = openJobStore(paths.jobsFile);
      setup.runner = build();
      setup.runner.start();
      return setup.runner;
    },
    beside(options = {}) {
      const store = openJobStore(paths.jobsFile);
      const runner = build(store, options);
      others.push({ runner, store });
      return runner;
    },
    async close() {
      for (const other of others.splice(0)) {
        await other.runner.stop();
        other.store.close();
      }
      await setup.runner.stop();
      setup.store.close();
      clearInterval(ticker);
      library.close();
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  const others: { runner: JobRunner; store: JobStore }[] = [];
  const build = (store = setup.store, extra: Partial<JobRunnerDeps> = {}) =>
    createJobRunner({
      store,
      client: () =>
        createApimartClient({
          fetch: gate.fetch,
          baseUrl: setup.baseUrl,
          keySource: { read: async () => setup.key },
          timeoutMs: 2_000,
          retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 60_000 },
        }),
      images,
      uploadCache: () => openUploadCache(paths.uploadCacheFile),
      library: async () => {
        await library.reconciled();
        return library.current();
      },
      concurrency: () => 3,
      pricePerSecond: () => null,
      models: () => SNAPSHOT_CATALOG,
      pollFloorMs: 20,
      pollCeilingMs: 100,
      onChange: (job) => events.push(job),
      ...runnerOptions,
      ...extra,
    });
  setup.runner = build();
  setup.runner.start();
  return setup;
}
