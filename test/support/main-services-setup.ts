import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveAppPaths, type AppPaths } from '../../electron/services/app-paths';
import type { IpcResult } from '../../shared/ipc/result';
import { createKeyStore, type KeyStore } from '../../electron/services/keychain/key-store';
import { loadKeytar } from '../../electron/services/keychain/load-keytar';
import { createFileLogger, createRedactor } from '../../electron/services/logging/logger';
import { createImageService } from '../../electron/services/images/image-service';
import { createPipeline } from '../../electron/services/jobs/pipeline';
import { openDraftStore } from '../../electron/services/storage/draft-store';
import { createMainServices, type MainServices } from '../../electron/services/main-services';
import { openSettingsStore } from '../../electron/services/settings/settings-store';
import { createTestLibraryHost, type TestDesktop } from './test-library-host';
import type { JobRunner } from '../../electron/services/jobs/job-runner';

/** The real main-process services in a temporary data folder, with the real keychain under a throwaway name. */
export interface ServicesSetup {
  readonly services: MainServices & { readonly jobs: JobRunner };
  readonly desktop: TestDesktop;
  readonly paths: AppPaths;
  readonly keyStore: KeyStore;
  /** The keychain service name this setup stores its key under. */
  readonly keyService: string;
  /** Every answer dispatched through `call`, serialized. */
  readonly traffic: string[];
  call(channel: string, payload?: unknown): Promise<IpcResult<unknown>>;
  close(): Promise<void>;
}

/** Builds the services as the shell does, pointed at `apiBaseUrl`. */
export async function setupServices(apiBaseUrl: string, env: Record<string, string> = {}): Promise<ServicesSetup> {
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-services-'));
  const dataDir = path.join(tempDir, 'data');
  const paths = resolveAppPaths(dataDir);
  const keyService = `Reelbench-test-${randomBytes(6).toString('hex')}`;
  const keyStore = createKeyStore({ loadKeytar, env, service: keyService });
  const logger = createFileLogger(
    paths.logFile,
    createRedactor(() => keyStore.secretsForRedaction()),
  );
  const settings = await openSettingsStore(paths.settingsFile, logger);
  await settings.update({ apiBaseUrl });
  const { host: library, desktop } = createTestLibraryHost(paths, settings, 'app://reelbench', logger);
  await library.open();
  const images = createImageService({ cacheDir: paths.cacheDir });
  const pipeline = createPipeline({
    paths,
    settings,
    keySource: keyStore,
    fetch: (url, init) => fetch(url, init),
    images,
    library,
    logger,
  });
  pipeline.runner.start();
  const drafts = openDraftStore(paths.draftsFile);
  const services = createMainServices({
    identity: {
      name: 'Reelbench',
      version: '0.0.0-test',
      platform: process.platform,
      arch: process.arch,
      electronVersion: null,
      chromeVersion: null,
    },
    isTrustedSender: () => true,
    logger,
    fetch: (url, init) => fetch(url, init),
    keyStore,
    settings,
    images,
    library,
    desktop,
    jobs: pipeline.runner,
    drafts,
    paths,
  });
  const traffic: string[] = [];
  return {
    services: { ...services, jobs: pipeline.runner },
    desktop,
    paths,
    keyStore,
    keyService,
    traffic,
    call: async (channel, payload) => {
      const answer = await services.router.dispatch(channel, payload, { senderUrl: 'app://reelbench/index.html' });
      traffic.push(JSON.stringify(answer));
      return answer;
    },
    close: async () => {
      await pipeline.close();
      drafts.close();
      library.close();
      await keyStore.clear().catch(() => undefined);
      await rm(tempDir, { recursive: true, force: true });
    },
  };
}
