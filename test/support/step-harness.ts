import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApimartClient } from '../../electron/services/apimart/apimart-client';
import { resolveAppPaths, type AppPaths } from '../../electron/services/app-paths';
import { createImageService, type ImageService } from '../../electron/services/images/image-service';
import { openUploadCache } from '../../electron/services/images/upload-cache';
import { createBalanceCache } from '../../electron/services/jobs/balance-cache';
import { type SentRecord } from '../../electron/services/jobs/job-change';
import { pollStep, submitStep, type StepContext } from '../../electron/services/jobs/job-steps';
import type { LibraryHost } from '../../electron/services/library/library-host';
import { openSettingsStore } from '../../electron/services/settings/settings-store';
import { newJobRecord, type JobRecord } from '../../electron/services/storage/job-store';
import { SNAPSHOT_CATALOG } from '../../shared/catalog/model-catalog';
import { jobRequestSchema, type JobRequestInput } from '../../shared/jobs/job-models';
import { startFakeApimart, type FakeApimart, type FakeApimartOptions } from '../fake-apimart/fake-server.ts';
import { createTestLibraryHost } from './test-library-host';

/**
 * The job steps one at a time, each with a context built from real parts as the runner builds it (a client talking
 * to the fake APIMart, the image service, the upload cache, a library over real folders), and a clock the test sets:
 * what each step answers, persists and reports can be read exactly.
 */
export interface StepHarness {
  readonly fake: FakeApimart;
  readonly paths: AppPaths;
  readonly library: LibraryHost;
  readonly images: ImageService;
  /** What the steps persisted (before their side effects), in order. */
  readonly persisted: JobRecord[];
  /** The download fractions reported. */
  readonly progress: number[];
  /** The models APIMart said are gone. */
  readonly gone: string[];
  /** The clock the steps read (ms since epoch). */
  now: number;
  context(overrides?: Partial<StepContext>): Promise<StepContext>;
  /** A job the fake has accepted and finished, polled once: downloading, with its video's link. */
  downloadingJob(request?: JobRequestInput): Promise<SentRecord>;
  close(): Promise<void>;
}

export const STEP_REQUEST: JobRequestInput = {
  prompt: 'a lighthouse in fog',
  model: 'sora-2-preview',
  params: { duration: 4, aspect_ratio: 'landscape' },
};

export function jobFor(request: JobRequestInput, now: number): JobRecord {
  return newJobRecord(jobRequestSchema.parse(request), now);
}

export async function startStepHarness(options: FakeApimartOptions = {}): Promise<StepHarness> {
  const fake = await startFakeApimart({ estimatedSeconds: 12, ...options });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-steps-'));
  const paths = resolveAppPaths(path.join(dir, 'data'));
  const settings = await openSettingsStore(paths.settingsFile);
  const { host: library } = createTestLibraryHost(paths, settings, 'app://reelbench');
  await library.open();
  const images = createImageService({ cacheDir: paths.cacheDir });
  const uploadCache = await openUploadCache(paths.uploadCacheFile);
  const harness: StepHarness = {
    fake,
    paths,
    library,
    images,
    persisted: [],
    progress: [],
    gone: [],
    now: Date.parse('2026-12-07T12:00:00Z'),
    async context(overrides = {}) {
      const now = () => harness.now;
      return {
        client: createApimartClient({
          fetch: (url, init) => fetch(url, init),
          baseUrl: fake.baseUrl,
          keySource: { read: async () => fake.apiKey },
          timeoutMs: 2_000,
          retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 60_000 },
        }),
        images,
        uploadCache,
        library: async () => {
          await library.reconciled();
          return library.current();
        },
        balance: createBalanceCache(now, 60_000),
        pricePerSecond: () => null,
        models: () => SNAPSHOT_CATALOG,
        onModelGone: (model) => harness.gone.push(model),
        now,
        random: () => 0.5,
        pollFloorMs: 1_000,
        pollCeilingMs: 30_000,
        balanceRecheckMs: 90_000,
        signal: new AbortController().signal,
        persist: (record) => harness.persisted.push(record),
        onDownloadProgress: (fraction) => harness.progress.push(fraction),
        recordVideo: async () => undefined,
        firstRunHere: true,
        ...overrides,
      };
    },
    async downloadingJob(request = STEP_REQUEST) {
      const sent = await submitStep(jobFor(request, harness.now), await harness.context());
      if (sent.job.phase !== 'polling') throw new Error(`the job was not sent: ${sent.job.phase}`);
      fake.clock.advance(60_000);
      const polled = await pollStep(sent as SentRecord, await harness.context());
      if (polled.job.phase !== 'downloading') throw new Error(`the task did not finish: ${polled.job.phase}`);
      harness.persisted.length = 0;
      return polled as SentRecord;
    },
    async close() {
      library.close();
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
