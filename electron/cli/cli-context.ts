import { trimEndOf } from '../../shared/text/plain-text';
import { moveToOsTrash } from '../services/system/os-trash';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { isSecureOrLoopback } from '../../shared/net/url-policy';
import { filesWrittenWhole, resolveAppPaths, type AppPaths } from '../services/app-paths';
import { clearAbandonedTemps } from '../services/system/atomic-file';
import { defaultDataDir, defaultLibraryDir } from '../services/data-dir';
import { createEnvProxyFetch } from '../services/apimart/env-proxy-fetch';
import { apiIsLocal } from '../services/apimart/local-network';
import { composeServices } from '../services/compose-services';
import type { ImageService } from '../services/images/image-service';
import type { Pipeline } from '../services/jobs/pipeline';
import type { LibraryHost } from '../services/library/library-host';
import type { BoardService } from '../services/boards/board-service';
import type { ScriptService } from '../services/script/script-service';
import type { ChatUsageStore } from '../services/storage/chat-usage-store';
import type { SpeechUsageStore } from '../services/storage/speech-usage-store';
import type { VoiceOverService } from '../services/boards/voice-over-service';
import type { MusicFiles } from '../services/boards/music-files';
import type { DialogueService } from '../services/boards/dialogue-service';
import type { ModelCatalogService } from '../services/models/model-catalog-service';
import type { Job } from '../../shared/jobs/job-models';
import { createKeyStore, type KeyStore } from '../services/keychain/key-store';
import { loadKeytar } from '../services/keychain/load-keytar';
import { createFileLogger, createRedactor, type Logger } from '../services/logging/logger';
import { openSettingsStore, type SettingsStore } from '../services/settings/settings-store';
import { openJobStore } from '../services/storage/job-store';
import { describeTrouble, rescueStore } from '../services/storage/store-rescue';

/** Environment variables the CLI reads. */
export type CliEnv = Readonly<Record<string, string | undefined>>;

/** The services a command may use, built on demand from the environment and the app's data folder. */
export interface CliContext {
  readonly paths: AppPaths;
  readonly settings: SettingsStore;
  readonly keyStore: KeyStore;
  readonly images: ImageService;
  readonly logger: Logger;
  readonly baseUrl: string;
  /**
   * A path the user typed, made absolute against the folder they typed it in: npm runs scripts from the project's
   * root, and says where the user was in INIT_CWD.
   */
  userPath(file: string): string;
  /** The model catalog, with what earlier runs learnt from APIMart loaded (nothing is asked until a command does). */
  models(): Promise<ModelCatalogService>;
  library(): Promise<LibraryHost>;
  /** Storyboards, with the library open (takes are resolved to their videos). */
  boards(): Promise<BoardService>;
  /** Script → storyboard through a chat model (the model catalog loaded; the library is not needed). */
  script(): Promise<ScriptService>;
  /** The chat side of the usage ledger. */
  chatUsage(): ChatUsageStore;
  speechUsage(): SpeechUsageStore;
  /** Voice-over: the boards' lines spoken through APIMart. */
  voiceOver(): VoiceOverService;
  /** The user's music under a board's film. */
  musicFiles(): MusicFiles;
  /** A take's own dialogue as subtitles, transcribed through APIMart. */
  dialogue(): DialogueService;
  /** The pipeline; `adopt` (default true) lets it run unfinished jobs other runs left, false runs only its own. */
  pipeline(options?: { adopt?: boolean }): Promise<Pipeline>;
  /** Every change of every job this process runs, as it is recorded: what `generate` and `jobs resume` show. */
  onJobChange(listener: (job: Job) => void): () => void;
  close(): Promise<void>;
}

function baseUrlFrom(env: CliEnv, fallback: string): string {
  const override = env['REELBENCH_BASE_URL']?.trim();
  if (!override) return fallback;
  if (!isSecureOrLoopback(override))
    throw new AppError('invalidInput', 'REELBENCH_BASE_URL must be an https:// address (or http:// on this computer).');
  return trimEndOf(override, '/');
}

/** Opens what commands share: the app's settings and keychain entry, and lazily the library and the pipeline. */
export async function openCliContext(env: CliEnv, appVersion: string): Promise<CliContext> {
  const paths = resolveAppPaths(defaultDataDir(process.platform, env));
  const keyStore = createKeyStore({ loadKeytar, env });
  const logger = createFileLogger(
    path.join(paths.dataDir, 'logs', 'cli.log'),
    createRedactor(() => keyStore.secretsForRedaction()),
  );
  await clearAbandonedTemps(filesWrittenWhole(paths), { now: Date.now() });
  const settings = await openSettingsStore(paths.settingsFile, logger);
  const baseUrl = baseUrlFrom(env, settings.current().apiBaseUrl);
  const pollFloor = Number(env['REELBENCH_POLL_MIN_MS']);
  const lowered = Number.isFinite(pollFloor) && pollFloor > 0;
  const userDirs = await readFile(path.join(os.homedir(), '.config', 'user-dirs.dirs'), 'utf8').catch(() => null);
  const jobListeners = new Set<(job: Job) => void>();
  let adopt = true;
  // Nothing is opened here: `key status` touches neither the library nor jobs.sqlite.
  const services = composeServices({
    paths,
    logger,
    keyStore,
    settings,
    // Only the API's own host (or anything, when the API itself is local: a test server) may resolve into the LAN.
    fetch: createEnvProxyFetch(env, (host) => apiIsLocal(baseUrl) || host === new URL(baseUrl).hostname),
    library: {
      defaultRoot: defaultLibraryDir(process.platform, os.homedir(), userDirs),
      rootOverride: env['REELBENCH_LIBRARY_DIR']
        ? path.resolve(env['INIT_CWD'] || process.cwd(), env['REELBENCH_LIBRARY_DIR'])
        : undefined,
      appVersion,
      mediaUrl: (kind, id) => `app://reelbench/media/${kind}/${id}`,
      trash: moveToOsTrash,
      watch: false,
    },
    jobs: {
      baseUrl,
      // A lowered floor (tests against a fast fake server) lowers the ceiling with it.
      pollFloorMs: lowered ? pollFloor : undefined,
      pollCeilingMs: lowered ? pollFloor * 6 : undefined,
      // Tests pause processes past their lease; a shorter one keeps them quick.
      leaseMs: Number(env['REELBENCH_LEASE_MS']) > 0 ? Number(env['REELBENCH_LEASE_MS']) : undefined,
      adopt: () => adopt,
    },
  });
  services.bus.on('jobs.changed', (job) => {
    for (const listener of jobListeners) listener(job);
  });
  let libraryOpened: Promise<LibraryHost> | undefined;
  let modelsLoaded: Promise<ModelCatalogService> | undefined;
  let pipelineReady: Promise<Pipeline> | undefined;

  const openLibrary = (): Promise<LibraryHost> =>
    (libraryOpened ??= services.library.open().then(() => services.library));

  return {
    paths,
    settings,
    keyStore,
    images: services.images,
    logger,
    baseUrl,
    userPath: (file) => path.resolve(env['INIT_CWD'] || process.cwd(), file),
    library: openLibrary,
    async boards() {
      await openLibrary();
      await (modelsLoaded ??= services.models.load().then(() => services.models));
      return services.boards;
    },
    async script() {
      await (modelsLoaded ??= services.models.load().then(() => services.models));
      return services.script;
    },
    chatUsage: () => services.chatUsage,
    speechUsage: () => services.speechUsage,
    voiceOver: () => services.voiceOver,
    musicFiles: () => services.musicFiles,
    dialogue: () => services.dialogue,
    models: () => (modelsLoaded ??= services.models.load().then(() => services.models)),
    pipeline(options = {}) {
      adopt = options.adopt ?? true;
      pipelineReady ??= (async () => {
        // A terminal cannot be asked in the middle of a command: say what is wrong and how to set the file aside.
        await rescueStore(
          paths.jobsFile,
          'your generation jobs',
          (file) => openJobStore(file).close(),
          async (trouble) => {
            const { message, cause } = describeTrouble(trouble);
            throw new AppError(
              'internal',
              `${message} ${cause}`,
              `Move it aside (mv "${trouble.file}" "${trouble.setAsideAs}"), or open the Reelbench app, which offers to; then run the command again.`,
            );
          },
        );
        await openLibrary();
        await (modelsLoaded ??= services.models.load().then(() => services.models));
        return services.pipeline;
      })();
      return pipelineReady;
    },
    onJobChange(listener) {
      jobListeners.add(listener);
      return () => jobListeners.delete(listener);
    },
    close: () => services.close(),
  };
}
