// One "Reelbench app" for the chaos run: the app's own services (settings, keychain with the key from the
// environment, library host watching its folder, the adopting pipeline), with the window replaced by the driver's
// messages. It runs as a child process so the driver can kill and pause it like the CLI processes.
// Started with: node --import ./scripts/register-ts.js test/chaos/app-process.ts
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { resolveAppPaths } from '../../electron/services/app-paths.ts';
import { createImageService } from '../../electron/services/images/image-service.ts';
import { encodePoster } from '../../electron/services/images/poster-encode.ts';
import { createPipeline } from '../../electron/services/jobs/pipeline.ts';
import { createApimartClient } from '../../electron/services/apimart/apimart-client.ts';
import { createModelCatalogService } from '../../electron/services/models/model-catalog-service.ts';
import { createKeyStore } from '../../electron/services/keychain/key-store.ts';
import { loadKeytar } from '../../electron/services/keychain/load-keytar.ts';
import { createLibraryHost } from '../../electron/services/library/library-host.ts';
import { createFileLogger, createRedactor } from '../../electron/services/logging/logger.ts';
import { openSettingsStore } from '../../electron/services/settings/settings-store.ts';
import type { JobRequestInput } from '../../shared/jobs/job-models.ts';

/** What the driver asks of the app: what a user would do in the window. */
export type AppCommand =
  | { readonly type: 'enqueue'; readonly requests: readonly JobRequestInput[] }
  | { readonly type: 'cancel'; readonly id: string }
  | { readonly type: 'retry'; readonly id: string };

const env = process.env;
const required = (name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`app-process needs ${name}`);
  return value;
};

const paths = resolveAppPaths(required('REELBENCH_DATA_DIR'));
const keyStore = createKeyStore({ loadKeytar, env });
const logger = createFileLogger(
  path.join(paths.dataDir, 'logs', `app-${process.pid}.log`),
  createRedactor(() => keyStore.secretsForRedaction()),
);
const settings = await openSettingsStore(paths.settingsFile, logger);
const library = createLibraryHost({
  paths,
  settings,
  defaultRoot: required('REELBENCH_LIBRARY_DIR'),
  rootOverride: required('REELBENCH_LIBRARY_DIR'),
  appVersion: '0.0.0-chaos',
  mediaUrl: (kind, id) => `app://reelbench/media/${kind}/${id}`,
  encodePoster,
  trash: (file) => rm(file),
  logger,
  watch: true,
});
await library.open();
const pollFloorMs = Number(env['REELBENCH_POLL_MIN_MS']) || undefined;
const models = createModelCatalogService({
  client: () =>
    createApimartClient({
      fetch: (url, init) => fetch(url, init),
      baseUrl: required('REELBENCH_BASE_URL'),
      keySource: keyStore,
    }),
  cacheFile: paths.modelsFile,
  prices: () => settings.current().prices,
  logger,
});
await models.load();
const pipeline = createPipeline({
  models,
  paths,
  settings,
  keySource: keyStore,
  fetch: (url, init) => fetch(url, init),
  images: createImageService({ cacheDir: paths.cacheDir, catalog: () => models.current() }),
  library,
  baseUrl: required('REELBENCH_BASE_URL'),
  pollFloorMs,
  pollCeilingMs: pollFloorMs === undefined ? undefined : pollFloorMs * 6,
  logger,
  leaseMs: Number(env['REELBENCH_LEASE_MS']) || undefined,
});
pipeline.runner.start();

process.on('message', (command: AppCommand) => {
  try {
    if (command.type === 'enqueue') for (const request of command.requests) pipeline.runner.enqueue(request);
    else if (command.type === 'cancel') pipeline.runner.cancel(command.id);
    else pipeline.runner.retry(command.id);
  } catch (error) {
    // What a window would show as a notice; the driver's fate for the job does not depend on it.
    logger.warn('chaos app: a command was refused', { command: command.type, error });
  }
});
process.on('disconnect', () => {
  void pipeline.close().then(() => process.exit(0));
});
process.send?.({ type: 'ready' });
