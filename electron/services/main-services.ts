import type { AppInfo } from '../../shared/models/app-info';
import type { ApimartClient } from './apimart/apimart-client';
import { createAppHandlers } from './app/app-handlers';
import { createImageHandlers } from './images/image-handlers';
import type { ImageService } from './images/image-service';
import type { DesktopShell } from './desktop/desktop-shell';
import type { ImageTokens } from './images/image-tokens';
import { createLibraryHandlers } from './library/library-handlers';
import type { LibraryHost } from './library/library-host';
import { createJobHandlers } from './jobs/job-handlers';
import { createBoardHandlers } from './boards/board-handlers';
import type { BoardService } from './boards/board-service';
import type { BoardStore } from './storage/board-store';
import { createDraftHandlers } from './drafts/draft-handlers';
import type { DraftService } from './drafts/draft-service';
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
import { createModelHandlers } from './models/model-handlers';
import type { ModelCatalogService } from './models/model-catalog-service';
import { createScriptHandlers } from './script/script-handlers';
import type { ScriptService } from './script/script-service';
import type { BreakdownProgress } from '../../shared/script/script-models';
import type { ChatUsageStore } from './storage/chat-usage-store';
import type { SpeechUsageStore } from './storage/speech-usage-store';
import type { VoiceOverService } from './boards/voice-over-service';
import type { MusicFiles } from './boards/music-files';
import type { DialogueService } from './boards/dialogue-service';
import { createBoardSoundHandlers } from './boards/board-sound-handlers';
import { boardFilm } from './boards/board-film';
import { withLedgers } from './jobs/usage';

/** What the IPC router serves, already built (by composeServices). */
export interface MainServiceDeps {
  readonly identity: AppInfo;
  readonly isTrustedSender: TrustedSenderCheck;
  readonly logger: Logger;
  /** A client for the current settings. */
  readonly apimart: () => ApimartClient;
  readonly keyStore: KeyStore;
  /** The window's names for image files (the same ones the events to the window use). */
  readonly imageTokens: ImageTokens;
  readonly settings: SettingsStore;
  readonly images: ImageService;
  readonly library: LibraryHost;
  readonly desktop: DesktopShell;
  /** The job runner, built on first use. */
  readonly jobs: () => JobRunner;
  readonly drafts: DraftService;
  readonly draftStore: DraftStore;
  readonly boards: BoardService;
  readonly boardStore: BoardStore;
  /** Tells the window how far a storyboard's export is. */
  readonly onBoardProgress: (id: string, fraction: number) => void;
  readonly paths: AppPaths;
  readonly models: ModelCatalogService;
  readonly script: ScriptService;
  readonly chatUsage: ChatUsageStore;
  readonly speechUsage: SpeechUsageStore;
  readonly voiceOver: VoiceOverService;
  readonly musicFiles: MusicFiles;
  readonly dialogue: DialogueService;
  /** Tells the window how far a chat answer has been written. */
  readonly onScriptProgress: (requestId: string, progress: BreakdownProgress) => void;
}

/** The IPC router over every service's handlers. */
export function createMainRouter(deps: MainServiceDeps): IpcRouter {
  const tokens = deps.imageTokens;
  const handlers: IpcHandlers = {
    ...createAppHandlers(deps.identity, deps.desktop),
    ...createKeyHandlers(deps.keyStore, deps.apimart),
    ...createSettingsHandlers(deps.settings, deps.desktop),
    ...createImageHandlers(deps.images, deps.desktop, deps.paths.cacheDir, tokens),
    ...createLibraryHandlers(deps.library, deps.desktop),
    ...createJobHandlers(deps.jobs(), tokens),
    ...createDraftHandlers(
      deps.drafts,
      deps.draftStore,
      deps.boardStore,
      deps.desktop,
      tokens,
      deps.paths.draftImagesDir,
    ),
    ...createBoardHandlers(deps.boards, tokens, deps.library, deps.onBoardProgress, (board) =>
      boardFilm(board, deps.library.current(), deps.models.current()),
    ),
    ...createBoardSoundHandlers({
      boards: deps.boards,
      voiceOver: deps.voiceOver,
      musicFiles: deps.musicFiles,
      dialogue: deps.dialogue,
      library: deps.library,
      models: deps.models,
      desktop: deps.desktop,
    }),
    ...createModelHandlers(deps.models),
    ...createScriptHandlers(deps.script, deps.onScriptProgress),
    // The usage ledger: billed video seconds, chat tokens and spoken lines.
    'jobs.usage': () =>
      withLedgers(deps.jobs().usage(), { chat: deps.chatUsage, speech: deps.speechUsage }, new Date()),
  };
  return createIpcRouter({
    handlers,
    isTrustedSender: deps.isTrustedSender,
    logger: deps.logger,
    forWindow: tokens.forWindow,
  });
}
