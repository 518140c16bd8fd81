import type { AppInfo } from '../../shared/models/app-info';
import { createApimartClient, type ApimartClient } from './apimart/apimart-client';
import type { FetchLike } from './apimart/http-transport';
import { createAppHandlers } from './app/app-handlers';
import { createImageHandlers } from './images/image-handlers';
import type { ImageService } from './images/image-service';
import type { DesktopShell } from './library/desktop-shell';
import { createLibraryHandlers } from './library/library-handlers';
import type { LibraryHost } from './library/library-host';
import { createJobHandlers } from './jobs/job-handlers';
import { createDraftHandlers } from './drafts/draft-handlers';
import { createDraftService, type DraftService } from './drafts/draft-service';
import type { DraftStore } from './storage/draft-store';
import type { AppPaths } from './app-paths';
import type { JobRunner } from './jobs/job-runner';
import { createIpcRouter, type IpcHandlers, type IpcRouter } from './ipc/router';
import type { TrustedSenderCheck } from './ipc/trusted-sender';
import { createKeyHandlers } from './key/key-handlers';
import type { KeyStore } from './keychain/key-store';
import type { Logger } from './logging/logger';
import { createSettingsHandlers } from './settings/settings-handlers';
import type { SettingsStore } from './settings/settings-store';

/** Everything the main-process services need from the outside world. */
export interface MainServiceDeps {
  readonly identity: AppInfo;
  readonly isTrustedSender: TrustedSenderCheck;
  readonly logger: Logger;
  /** Electron's net.fetch in the app (system proxy and certificates), Node's fetch in tests. */
  readonly fetch: FetchLike;
  readonly keyStore: KeyStore;
  readonly settings: SettingsStore;
  readonly images: ImageService;
  readonly library: LibraryHost;
  readonly desktop: DesktopShell;
  readonly jobs: JobRunner;
  readonly drafts: DraftStore;
  readonly paths: AppPaths;
}

/** The assembled main-process services, as the shell (and the e2e harness) use them. */
export interface MainServices {
  readonly router: IpcRouter;
  /** A client for the current settings (the base URL can change while the app runs). */
  readonly apimart: () => ApimartClient;
  readonly drafts: DraftService;
}

/**
 * Composition of the plain-Node services. The Electron shell calls this with real paths and Electron's facts;
 * the e2e harness calls it too, so the browser tests exercise exactly the same router and services.
 */
export function createMainServices(deps: MainServiceDeps): MainServices {
  const apimart = () =>
    createApimartClient({
      fetch: deps.fetch,
      baseUrl: deps.settings.current().apiBaseUrl,
      keySource: deps.keyStore,
      logger: deps.logger,
    });
  const drafts = createDraftService({
    store: deps.drafts,
    imagesDir: deps.paths.draftImagesDir,
    jobs: () => deps.jobs,
    pricePerSecond: (model) => deps.settings.current().prices[model] ?? null,
  });
  const handlers: IpcHandlers = {
    ...createAppHandlers(deps.identity, deps.desktop),
    ...createKeyHandlers(deps.keyStore, apimart),
    ...createSettingsHandlers(deps.settings),
    ...createImageHandlers(deps.images, deps.desktop, deps.paths.cacheDir),
    ...createLibraryHandlers(deps.library, deps.desktop),
    ...createJobHandlers(deps.jobs),
    ...createDraftHandlers(drafts, deps.drafts, deps.desktop),
  };
  return {
    router: createIpcRouter({ handlers, isTrustedSender: deps.isTrustedSender, logger: deps.logger }),
    apimart,
    drafts,
  };
}
