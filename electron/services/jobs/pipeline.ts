import { writeVideoRecord } from '../media/video-record-io';
import { createApimartClient } from '../apimart/apimart-client';
import type { ApiKeySource, FetchLike } from '../apimart/http-transport';
import type { AppPaths } from '../app-paths';
import type { ImageService } from '../images/image-service';
import { openUploadCache } from '../images/upload-cache';
import type { LibraryHost } from '../library/library-host';
import type { Logger } from '../logging/logger';
import type { SettingsStore } from '../settings/settings-store';
import { openJobStore, type JobStore } from '../storage/job-store';
import type { Job } from '../../../shared/jobs/job-models';
import { createJobRunner, type JobRunner } from './job-runner';
import { createRateGate } from './rate-gate';
import type { Language } from '../../../shared/i18n/languages';
import { findModel } from '../../../shared/catalog/model-lookup';
import type { ModelCatalogService } from '../models/model-catalog-service';

/** What the pipeline is assembled from (the same for the app, the CLI and the tests). */
export interface PipelineDeps {
  readonly paths: AppPaths;
  readonly settings: SettingsStore;
  readonly keySource: ApiKeySource;
  readonly fetch: FetchLike;
  readonly images: ImageService;
  readonly library: LibraryHost;
  /** Overrides the base URL from settings (REELBENCH_BASE_URL for the CLI). */
  readonly baseUrl?: string | undefined;
  readonly pollFloorMs?: number | undefined;
  readonly pollCeilingMs?: number | undefined;
  readonly logger?: Logger | undefined;
  readonly onChange?: (job: Job) => void;
  /** Run unfinished jobs this process did not create (the app, `jobs resume`), or only its own (`generate`). */
  readonly adopt?: boolean;
  /** How long a job's lease holds without renewal (tests shorten it). */
  readonly leaseMs?: number | undefined;
  /** Written into each filed video's record. */
  readonly appVersion?: string | undefined;
  /** The reader's language, for the messages APIMart writes into a task. */
  readonly language?: (() => Language) | undefined;
  /** The model catalog (snapshot, live schemas, the user's prices). */
  readonly models: ModelCatalogService;
}

/** The assembled pipeline. */
export interface Pipeline {
  readonly runner: JobRunner;
  readonly store: JobStore;
  close(): Promise<void>;
}

/** Builds the job runner over its store, with one rate gate shared by every request of every job. */
export function createPipeline(deps: PipelineDeps): Pipeline {
  const gate = createRateGate(deps.fetch);
  const store = openJobStore(deps.paths.jobsFile);
  const runner = createJobRunner({
    store,
    client: () =>
      createApimartClient({
        fetch: gate.fetch,
        baseUrl: deps.baseUrl ?? deps.settings.current().apiBaseUrl,
        keySource: deps.keySource,
        language: deps.language,
        catalog: () => deps.models.current(),
        ...(deps.logger ? { logger: deps.logger } : {}),
      }),
    images: deps.images,
    uploadCache: () => openUploadCache(deps.paths.uploadCacheFile),
    // A job files against the folder as it is, not a catalog still being reconciled after a start.
    library: async () => {
      await deps.library.reconciled();
      return deps.library.current();
    },
    concurrency: () => deps.settings.current().concurrency,
    pricePerSecond: (model) => findModel(deps.models.current(), model)?.price.perSecond ?? null,
    models: () => deps.models.current(),
    onModelGone: (model) => deps.models.markUnavailable(model),
    ...(deps.pollFloorMs !== undefined ? { pollFloorMs: deps.pollFloorMs } : {}),
    ...(deps.pollCeilingMs !== undefined ? { pollCeilingMs: deps.pollCeilingMs } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.onChange ? { onChange: deps.onChange } : {}),
    ...(deps.adopt !== undefined ? { adopt: deps.adopt } : {}),
    leaseMs: deps.leaseMs,
    // Every filed video carries how it was made in its own metadata (a lossless remux); a file that cannot take it
    // is filed as it is — its sidecar says the same.
    recordVideo: async (file, record) => {
      try {
        await writeVideoRecord(file, { ...record, appVersion: deps.appVersion ?? record.appVersion });
      } catch (error) {
        deps.logger?.warn('filing: the video keeps no record of its own', { error: String(error) });
      }
    },
  });
  return {
    runner,
    store,
    close: async () => {
      await runner.stop();
      store.close();
    },
  };
}
