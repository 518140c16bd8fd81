import type { Job } from '../../shared/jobs/job-models';
import type { LibraryItemEvent, ReconcileReport } from '../../shared/library/library-models';
import type { AppInfo } from '../../shared/models/app-info';
import { createApimartClient, type ApimartClient } from './apimart/apimart-client';
import type { FetchLike } from './apimart/http-transport';
import type { AppPaths } from './app-paths';
import type { DesktopShell } from './desktop/desktop-shell';
import { createBoardService, type BoardService } from './boards/board-service';
import { openBoardStore, type BoardStore } from './storage/board-store';
import { createDraftService, type DraftService } from './drafts/draft-service';
import { createEventBus, type EventBus } from './event-bus';
import { createImageService, type ImageService } from './images/image-service';
import { encodePoster } from './images/poster-encode';
import { createEventEmitter, type EventEmitter, type EventSink } from './ipc/event-emitter';
import type { IpcRouter } from './ipc/router';
import type { TrustedSenderCheck } from './ipc/trusted-sender';
import type { JobRunner } from './jobs/job-runner';
import { createPipeline, type Pipeline } from './jobs/pipeline';
import type { KeyStore } from './keychain/key-store';
import { createLibraryHost, type LibraryHost } from './library/library-host';
import type { MediaUrl } from './library/library-items';
import type { Logger } from './logging/logger';
import { createMainRouter } from './main-services';
import { createImageTokens } from './images/image-tokens';
import type { SettingsStore } from './settings/settings-store';
import { openDraftStore, type DraftStore } from './storage/draft-store';
import { resolveLanguage } from '../../shared/i18n/translator';
import { findModel } from '../../shared/catalog/model-lookup';
import type { ModelCatalog } from '../../shared/catalog/video-model';
import { createModelCatalogService, type ModelCatalogService } from './models/model-catalog-service';
import { createScriptService, type ScriptService } from './script/script-service';
import { openChatUsageStore, type ChatUsageStore } from './storage/chat-usage-store';
import { openSpeechUsageStore, type SpeechUsageStore } from './storage/speech-usage-store';
import { createVoiceOverService, type VoiceOverService } from './boards/voice-over-service';
import { createMusicFiles, type MusicFiles } from './boards/music-files';
import { createDialogueService, type DialogueService } from './boards/dialogue-service';
import { SPEECH_MODEL, TRANSCRIPTION_MODEL } from '../../shared/audio/speech';
import type { BreakdownProgress } from '../../shared/script/script-models';

/** What the services tell each other and the window, as it happens. */
export interface ServiceEvents {
  'jobs.changed': Job;
  'library.changed': ReconcileReport;
  'library.item': LibraryItemEvent;
  'models.changed': ModelCatalog;
  'boards.progress': { readonly id: string; readonly fraction: number };
  'script.progress': BreakdownProgress & { readonly requestId: string };
}

/** The window's side: present in the app, the e2e harness and the IPC tests; absent in the CLI. */
export interface WindowAdapters {
  readonly identity: AppInfo;
  readonly isTrustedSender: TrustedSenderCheck;
  readonly desktop: DesktopShell;
  /** Delivers an event to the page (webContents.send in the shell); events are checked against the contract first. */
  readonly sink?: EventSink;
}

/** Only what differs between the app, the CLI, the e2e harness and the tests; everything else is built here. */
export interface ServiceAdapters {
  readonly paths: AppPaths;
  readonly logger: Logger;
  readonly keyStore: KeyStore;
  readonly settings: SettingsStore;
  /** Electron's net.fetch in the app (system proxy and certificates), undici's with the environment's proxy in the CLI. */
  readonly fetch: FetchLike;
  readonly library: {
    readonly defaultRoot: string;
    /** Wins over the settings (REELBENCH_LIBRARY_DIR for the CLI). */
    readonly rootOverride?: string | undefined;
    readonly appVersion: string;
    readonly mediaUrl: MediaUrl;
    /** The OS trash (Electron's shell in the app); deletion in the CLI and the tests. */
    readonly trash: (file: string) => Promise<void>;
    /** Follow the folder for changes made outside the app (the app does; the CLI and the harness do not). */
    readonly watch: boolean;
  };
  readonly jobs?: {
    /** Overrides the base URL from settings (REELBENCH_BASE_URL for the CLI). */
    readonly baseUrl?: string | undefined;
    readonly pollFloorMs?: number | undefined;
    readonly pollCeilingMs?: number | undefined;
    readonly leaseMs?: number | undefined;
    /**
     * Run unfinished jobs other processes left (the app, `jobs resume`), or only this process's own (`generate`); read
     * when the pipeline is first used, so a command can decide it late.
     */
    readonly adopt?: boolean | (() => boolean);
  };
  readonly window?: WindowAdapters;
  /** Ask APIMart for its models in the background once started (the app; the CLI asks only when a command needs to). */
  readonly refreshModelsAtStart?: boolean;
  /** The OS's preferred languages, best first (Electron's in the app); the process locale by default. */
  readonly systemLanguages?: readonly string[];
}

/** Everything the main process runs, built once in dependency order. */
export interface Services {
  readonly paths: AppPaths;
  readonly logger: Logger;
  readonly settings: SettingsStore;
  readonly keyStore: KeyStore;
  readonly images: ImageService;
  /** The model catalog: the shipped snapshot, APIMart's live schemas and the user's prices. */
  readonly models: ModelCatalogService;
  readonly library: LibraryHost;
  readonly bus: EventBus<ServiceEvents>;
  /** The job pipeline (jobs.sqlite opened on first use: a command that needs no jobs never opens it). */
  readonly pipeline: Pipeline;
  readonly jobs: JobRunner;
  readonly drafts: DraftService;
  readonly draftStore: DraftStore;
  /** Storyboards (stored with the drafts, in drafts.sqlite). */
  readonly boards: BoardService;
  readonly boardStore: BoardStore;
  /** Script → storyboard and prompt help through a chat model on the same key. */
  readonly script: ScriptService;
  /** The chat side of the usage ledger (in drafts.sqlite). */
  readonly chatUsage: ChatUsageStore;
  /** The speech side of the usage ledger (in drafts.sqlite). */
  readonly speechUsage: SpeechUsageStore;
  /** Voice-over: shots' lines spoken through APIMart, kept in the boards' folder. */
  readonly voiceOver: VoiceOverService;
  /** The user's music and sound files under a film, kept in the boards' folder. */
  readonly musicFiles: MusicFiles;
  /** A take's own dialogue as subtitles, transcribed through APIMart. */
  readonly dialogue: DialogueService;
  /** The IPC router, with every handler (only with `window`). */
  readonly router: IpcRouter;
  /** Events to the window beyond the services' own (the shell's menu navigation), checked against the contract. */
  readonly toWindow: EventEmitter | null;
  /** A client for the current settings (the base URL can change while the app runs). */
  apimart(): ApimartClient;
  /** Opens the library and starts the job runner. */
  start(): Promise<void>;
  /** Stops the runner and closes every store that was opened. */
  close(): Promise<void>;
}

/** Lazily built, once. */
function once<T>(build: () => T): { get(): T; built(): boolean } {
  let value: { v: T } | undefined;
  return {
    get: () => (value ??= { v: build() }).v,
    built: () => value !== undefined,
  };
}

/**
 * The composition root: the app's shell, the CLI, the e2e harness and the test setup all assemble the services
 * here, passing only what differs. Adding a service is one edit in this file.
 */
export function composeServices(adapters: ServiceAdapters): Services {
  const { paths, logger, keyStore, settings } = adapters;
  const bus = createEventBus<ServiceEvents>(logger);
  const toWindow = adapters.window?.sink ? createEventEmitter(adapters.window.sink) : null;
  const imageTokens = createImageTokens();
  if (toWindow) {
    bus.on('jobs.changed', (job) => toWindow.emit('jobs.changed', imageTokens.forWindow(job)));
    bus.on('library.changed', (report) => toWindow.emit('library.changed', report));
    bus.on('library.item', (event) => toWindow.emit('library.item', event));
    bus.on('models.changed', (catalog) => toWindow.emit('models.changed', catalog));
    bus.on('boards.progress', (progress) => toWindow.emit('boards.progress', progress));
    bus.on('script.progress', (progress) => toWindow.emit('script.progress', progress));
  }
  const apimart = () =>
    createApimartClient({
      fetch: adapters.fetch,
      baseUrl: adapters.jobs?.baseUrl ?? settings.current().apiBaseUrl,
      keySource: keyStore,
      logger,
      catalog: () => models.current(),
    });
  // One attempt per call: listings fall back on what is known, so a dead network costs no back-off there.
  const quickApimart = () =>
    createApimartClient({
      fetch: adapters.fetch,
      baseUrl: adapters.jobs?.baseUrl ?? settings.current().apiBaseUrl,
      keySource: keyStore,
      logger,
      timeoutMs: 15_000,
      retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
    });
  const models = createModelCatalogService({
    client: quickApimart,
    cacheFile: paths.modelsFile,
    prices: () => settings.current().prices,
    logger,
    onChange: (catalog) => bus.emit('models.changed', catalog),
  });
  const images = createImageService({ cacheDir: paths.cacheDir, catalog: () => models.current() });
  const library = createLibraryHost({
    paths,
    settings,
    defaultRoot: adapters.library.defaultRoot,
    rootOverride: adapters.library.rootOverride,
    appVersion: adapters.library.appVersion,
    mediaUrl: adapters.library.mediaUrl,
    encodePoster,
    trash: adapters.library.trash,
    logger,
    watch: adapters.library.watch,
    onChanged: (report) => bus.emit('library.changed', report),
    onItem: (event) => bus.emit('library.item', event),
  });
  const pipeline = once(() =>
    createPipeline({
      paths,
      settings,
      keySource: keyStore,
      fetch: adapters.fetch,
      images,
      library,
      logger,
      baseUrl: adapters.jobs?.baseUrl,
      pollFloorMs: adapters.jobs?.pollFloorMs,
      pollCeilingMs: adapters.jobs?.pollCeilingMs,
      leaseMs: adapters.jobs?.leaseMs,
      appVersion: adapters.library.appVersion,
      language,
      models,
      adopt: typeof adapters.jobs?.adopt === 'function' ? adapters.jobs.adopt() : (adapters.jobs?.adopt ?? true),
      onChange: (job) => bus.emit('jobs.changed', job),
    }),
  );
  const language = () =>
    resolveLanguage(
      settings.current().language,
      adapters.systemLanguages ?? [Intl.DateTimeFormat().resolvedOptions().locale],
    );
  const draftStore = once(() => openDraftStore(paths.draftsFile));
  const drafts = once(() =>
    createDraftService({
      store: draftStore.get(),
      imagesDir: paths.draftImagesDir,
      jobs: () => pipeline.get().runner,
      pricePerSecond: (model) => findModel(models.current(), model)?.price.perSecond ?? null,
      catalog: () => models.current(),
    }),
  );
  const boardStore = once(() => openBoardStore(paths.draftsFile));
  const boards = once(() =>
    createBoardService({
      store: boardStore.get(),
      imagesDir: paths.draftImagesDir,
      jobs: () => pipeline.get().runner,
      jobPhase: (jobId) => {
        try {
          return pipeline.get().runner.get(jobId).phase;
        } catch {
          return null;
        }
      },
      itemForJob: (jobId) => {
        try {
          return library.current().findByJobId(jobId)?.id ?? null;
        } catch {
          return null; // not open (yet): the take is resolved the next time the board is read
        }
      },
      taskForJob: (jobId) => {
        try {
          return pipeline.get().runner.get(jobId).taskId;
        } catch {
          return null; // a job no longer kept: its take cannot be extended
        }
      },
      draft: (id) => drafts.get().get(id),
      catalog: () => models.current(),
      pricePerSecond: (model) => findModel(models.current(), model)?.price.perSecond ?? null,
      checkImage: async (file) => void (await images.inspect(file)),
    }),
  );
  const chatUsage = once(() => openChatUsageStore(paths.draftsFile));
  const speechUsage = once(() => openSpeechUsageStore(paths.draftsFile));
  const musicFiles = once(() => createMusicFiles({ boards: boards.get(), boardsDir: paths.boardsDir }));
  const dialogue = once(() =>
    createDialogueService({
      boards: boards.get(),
      client: quickApimart,
      library: async () => {
        await library.reconciled();
        return library.current();
      },
      recordUsage: (entry) => speechUsage.get().record(entry),
      pricePerRequest: () => settings.current().prices[TRANSCRIPTION_MODEL] ?? null,
    }),
  );
  const voiceOver = once(() =>
    createVoiceOverService({
      boards: boards.get(),
      // Billed per line: one attempt, asked again only by the user.
      client: quickApimart,
      boardsDir: paths.boardsDir,
      recordUsage: (entry) => speechUsage.get().record(entry),
      pricePerLine: () => settings.current().prices[SPEECH_MODEL] ?? null,
    }),
  );
  const script = once(() =>
    createScriptService({
      // One attempt: a chat request is billed per token, so it is only ever sent again by the user.
      client: apimart,
      listClient: quickApimart,
      catalog: () => models.current(),
      boards: boards.get(),
      recordUsage: (entry) => chatUsage.get().record(entry),
      logger,
    }),
  );
  const router = once(() => {
    const window = adapters.window;
    if (!window) throw new Error('The IPC router needs a window: pass `window` to composeServices.');
    return createMainRouter({
      identity: window.identity,
      isTrustedSender: window.isTrustedSender,
      logger,
      apimart,
      settings,
      keyStore,
      imageTokens,
      images,
      library,
      desktop: window.desktop,
      jobs: () => pipeline.get().runner,
      drafts: drafts.get(),
      draftStore: draftStore.get(),
      boards: boards.get(),
      boardStore: boardStore.get(),
      onBoardProgress: (id, fraction) => bus.emit('boards.progress', { id, fraction }),
      script: script.get(),
      chatUsage: chatUsage.get(),
      speechUsage: speechUsage.get(),
      voiceOver: voiceOver.get(),
      musicFiles: musicFiles.get(),
      dialogue: dialogue.get(),
      onScriptProgress: (requestId, progress) => bus.emit('script.progress', { requestId, ...progress }),
      paths,
      models,
    });
  });

  return {
    paths,
    logger,
    settings,
    keyStore,
    images,
    models,
    library,
    bus,
    get pipeline() {
      return pipeline.get();
    },
    get jobs() {
      return pipeline.get().runner;
    },
    get drafts() {
      return drafts.get();
    },
    get draftStore() {
      return draftStore.get();
    },
    get boards() {
      return boards.get();
    },
    get boardStore() {
      return boardStore.get();
    },
    get script() {
      return script.get();
    },
    get chatUsage() {
      return chatUsage.get();
    },
    get speechUsage() {
      return speechUsage.get();
    },
    get voiceOver() {
      return voiceOver.get();
    },
    get musicFiles() {
      return musicFiles.get();
    },
    get dialogue() {
      return dialogue.get();
    },
    get router() {
      return router.get();
    },
    toWindow,
    apimart,
    async start() {
      await models.load();
      await library.open();
      pipeline.get().runner.start();
      // At most once a day per listing and schema; offline or without a key the shipped snapshot simply stands.
      if (adapters.refreshModelsAtStart)
        void (async () => {
          if (!(await keyStore.status()).present) return;
          const report = await models.refresh();
          if (report.unreachable) logger.info('models: APIMart not asked', { reason: report.unreachable.code });
        })().catch((error: unknown) => logger.warn('models: refresh failed', { error: String(error) }));
    },
    async close() {
      if (pipeline.built()) await pipeline.get().close();
      if (draftStore.built()) draftStore.get().close();
      if (boardStore.built()) boardStore.get().close();
      if (chatUsage.built()) chatUsage.get().close();
      if (speechUsage.built()) speechUsage.get().close();
      library.close();
    },
  };
}
