import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveAppPaths, type AppPaths } from '../../electron/services/app-paths';
import { composeServices, type Services } from '../../electron/services/compose-services';
import { createKeyStore, type KeyStore } from '../../electron/services/keychain/key-store';
import { loadKeytar } from '../../electron/services/keychain/load-keytar';
import { createFileLogger, createRedactor } from '../../electron/services/logging/logger';
import { openSettingsStore } from '../../electron/services/settings/settings-store';
import type { IpcResult } from '../../shared/ipc/result';
import { createTestDesktop, testLibraryRoot, type TestDesktop } from './test-library-host';

/** The real main-process services in a temporary data folder, with the real keychain under a throwaway name. */
export interface ServicesSetup {
  readonly services: Services;
  readonly desktop: TestDesktop;
  readonly paths: AppPaths;
  readonly keyStore: KeyStore;
  /** The keychain service name this setup stores its key under. */
  readonly keyService: string;
  /** Every answer dispatched through `call`, serialized. */
  readonly traffic: string[];
  call(channel: string, payload?: unknown): Promise<IpcResult<unknown>>;
  /** Chooses `file` through main's own picker, as the user does, and answers the token the window gets for it. */
  pick(file: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds the services as the shell does (composeServices), pointed at `apiBaseUrl`. */
export async function setupServices(
  apiBaseUrl: string,
  env: Record<string, string> = {},
  options: { readonly pollMs?: number } = {},
): Promise<ServicesSetup> {
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-services-'));
  const paths = resolveAppPaths(path.join(tempDir, 'data'));
  const keyService = `Reelbench-test-${randomBytes(6).toString('hex')}`;
  const keyStore = createKeyStore({ loadKeytar, env, service: keyService });
  const logger = createFileLogger(
    paths.logFile,
    createRedactor(() => keyStore.secretsForRedaction()),
  );
  const settings = await openSettingsStore(paths.settingsFile, logger);
  await settings.update({ apiBaseUrl });
  const desktop = createTestDesktop();
  const services = composeServices({
    paths,
    logger,
    keyStore,
    settings,
    fetch: (url, init) => fetch(url, init),
    ...(options.pollMs ? { jobs: { pollFloorMs: options.pollMs, pollCeilingMs: options.pollMs * 5 } } : {}),
    library: {
      defaultRoot: testLibraryRoot(paths),
      appVersion: 'test',
      mediaUrl: (kind, id) => `app://reelbench/media/${kind}/${id}`,
      trash: (file) => rm(file, { force: true }),
      watch: false,
    },
    window: {
      identity: {
        name: 'Reelbench',
        version: '0.0.0-test',
        platform: process.platform,
        arch: process.arch,
        electronVersion: null,
        chromeVersion: null,
      },
      isTrustedSender: () => true,
      desktop,
    },
  });
  await services.start();
  const traffic: string[] = [];
  return {
    services,
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
    pick: async (file) => {
      desktop.nextFile = file;
      const answer = await services.router.dispatch('images.pick', undefined, {
        senderUrl: 'app://reelbench/index.html',
      });
      desktop.nextFile = null;
      if (!answer.ok || answer.data === null) throw new Error(`the picker gave no token: ${JSON.stringify(answer)}`);
      return (answer.data as { image: string }).image;
    },
    close: async () => {
      await services.close();
      await keyStore.clear().catch(() => undefined);
      await rm(tempDir, { recursive: true, force: true });
    },
  };
}
