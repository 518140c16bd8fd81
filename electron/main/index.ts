import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, nativeImage, net, session, shell } from 'electron';
import { version as packageVersion } from '../../package.json';
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME } from '../services/app-protocol/app-origin';
import { filesWrittenWhole, resolveAppPaths } from '../services/app-paths';
import { clearAbandonedTemps } from '../services/system/atomic-file';
import { createTrustedSenderCheck } from '../services/ipc/trusted-sender';
import { createKeyStore } from '../services/keychain/key-store';
import { loadKeytar } from '../services/keychain/load-keytar';
import { createFileLogger, createRedactor } from '../services/logging/logger';
import { openDraftStore } from '../services/storage/draft-store';
import { openJobStore } from '../services/storage/job-store';
import { rescueStore } from '../services/storage/store-rescue';
import { serveMedia } from '../services/library/media-route';
import { composeServices } from '../services/compose-services';
import { openSettingsStore } from '../services/settings/settings-store';
import { resolveLanguage, translator } from '../../shared/i18n/translator';
import { PICKABLE_IMAGE_EXTENSIONS } from '../../shared/images/pickable-images';
import { registerAppScheme, serveApp } from './app-protocol';
import { registerIpcRouter, webContentsSink } from './ipc-bridge';
import { createJobFeedback } from './job-feedback';
import { createMainWindow } from './main-window';
import { DRAG_ICON_DATA_URL } from './drag-icon';
import { buildMenuTemplate } from './menu-template';
import { popupMenu } from './native-menus';
import { applySessionSecurity, hardenWebContents, openInBrowser } from './web-security';

const APIMART_DOCS_URL = 'https://docs.apimart.ai/';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
const DELETED_DRAFTS_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

// electron-vite sets this only for `npm run dev`; a packaged app never loads from a dev server.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const appOrigins = devServerUrl ? [APP_ENTRY_URL, devServerUrl] : [APP_ENTRY_URL];
const preloadFile = path.join(import.meta.dirname, '../preload/index.cjs');
const rendererDir = path.join(import.meta.dirname, '../renderer');

registerAppScheme();

let mainWindow: BrowserWindow | undefined;

async function start(): Promise<void> {
  const paths = resolveAppPaths(app.getPath('userData'));
  // The logger redacts every key this process has seen; the key store logs through it. The redactor only runs
  // when a line is written, after both exist.
  const logger = createFileLogger(
    paths.logFile,
    createRedactor(() => keyStore.secretsForRedaction()),
  );
  const keyStore = createKeyStore({ loadKeytar, env: process.env, logger });
  await clearAbandonedTemps(filesWrittenWhole(paths), { now: Date.now() });
  const settings = await openSettingsStore(paths.settingsFile, logger);
  // Menus, dialogs and notifications speak the window's language, from the same catalogs.
  const translate = () => translator(resolveLanguage(settings.current().language, app.getPreferredSystemLanguages()));
  const chooseFolder = async (purpose: 'import' | 'export' | 'move' | 'exportDrafts') => {
    const titles = {
      import: 'dialog.importVideos',
      export: 'dialog.exportVideos',
      move: 'dialog.moveLibrary',
      exportDrafts: 'dialog.exportDrafts',
    } as const;
    const options = {
      title: translate().t(titles[purpose]),
      properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
    };
    const answer = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    return answer.canceled ? null : (answer.filePaths[0] ?? null);
  };
  const chooseFile = async (purpose: 'importDrafts' | 'image' | 'audio') => {
    const { t } = translate();
    const filters = {
      image: {
        title: t('dialog.chooseImage'),
        name: t('dialog.images'),
        extensions: [...PICKABLE_IMAGE_EXTENSIONS],
      },
      audio: {
        title: t('dialog.chooseAudio'),
        name: t('dialog.audio'),
        extensions: ['wav', 'mp3', 'm4a', 'aac', 'flac', 'ogg', 'oga', 'opus'],
      },
      importDrafts: { title: t('dialog.importDrafts'), name: t('dialog.draftsFiles'), extensions: ['json'] },
    }[purpose];
    const options = {
      title: filters.title,
      properties: ['openFile'] as 'openFile'[],
      filters: [{ name: filters.name, extensions: filters.extensions }],
    };
    const answer = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    return answer.canceled ? null : (answer.filePaths[0] ?? null);
  };
  // A job list or drafts database that cannot be opened at all: ask, keep it aside, and start; never exit on it.
  const { t } = translate();
  for (const [file, holds, probe] of [
    [paths.jobsFile, t('dialog.damaged.jobs'), (target: string) => openJobStore(target).close()],
    [paths.draftsFile, t('dialog.damaged.drafts'), (target: string) => openDraftStore(target).close()],
  ] as const) {
    const outcome = await rescueStore(file, holds, probe, async (trouble) => {
      logger.error('storage: cannot open', { file, reason: trouble.reason });
      const answer = await dialog.showMessageBox({
        type: 'warning',
        title: 'Reelbench',
        message: t('dialog.damaged.message', { file: path.basename(trouble.file), holds: trouble.holds }),
        detail: t('dialog.damaged.detail', { reason: trouble.reason, setAsideAs: path.basename(trouble.setAsideAs) }),
        buttons: [t('dialog.damaged.keep'), t('dialog.damaged.quit')],
        defaultId: 0,
        cancelId: 1,
      });
      return answer.response === 0;
    });
    if (outcome === 'declined') {
      app.quit();
      return;
    }
    if (outcome === 'setAside') logger.warn('storage: set aside a store that could not be opened', { file });
  }
  const services = composeServices({
    paths,
    logger,
    keyStore,
    systemLanguages: app.getPreferredSystemLanguages(),
    refreshModelsAtStart: true,
    settings,
    // net.fetch goes through Chromium's network stack: system proxy settings and OS certificate stores apply.
    fetch: (url, init) => net.fetch(url, init),
    library: {
      defaultRoot: path.join(app.getPath('videos'), 'Reelbench'),
      appVersion: app.getVersion(),
      mediaUrl: (kind, id) => `${APP_ORIGIN}/media/${kind}/${id}`,
      trash: (file) => shell.trashItem(file),
      watch: true,
    },
    window: {
      identity: {
        name: app.getName(),
        version: app.getVersion(),
        platform: process.platform,
        arch: process.arch,
        electronVersion: process.versions.electron ?? null,
        chromeVersion: process.versions.chrome ?? null,
      },
      isTrustedSender: createTrustedSenderCheck(appOrigins),
      desktop: {
        chooseFolder,
        chooseFile,
        reveal: (file) => shell.showItemInFolder(file),
        showMenu: (items) => popupMenu(mainWindow, items),
        startDrag: (file) =>
          mainWindow?.webContents.startDrag({ file, icon: nativeImage.createFromDataURL(DRAG_ICON_DATA_URL) }),
        confirmApiHost: async (host) => {
          const { t } = translate();
          const options = {
            type: 'warning' as const,
            title: 'Reelbench',
            message: t('dialog.apiHost.message', { host }),
            detail: t('dialog.apiHost.detail'),
            buttons: [t('dialog.apiHost.use'), t('dialog.apiHost.cancel')],
            defaultId: 1,
            cancelId: 1,
          };
          const answer = mainWindow
            ? await dialog.showMessageBox(mainWindow, options)
            : await dialog.showMessageBox(options);
          return answer.response === 0;
        },
      },
      sink: webContentsSink(() => mainWindow?.webContents),
    },
  });
  const { library } = services;
  const feedback = createJobFeedback(
    () => mainWindow,
    () => services.jobs.list(),
    translate,
  );
  services.bus.on('jobs.changed', feedback);

  applySessionSecurity(session.defaultSession);
  serveApp(rendererDir, (pathname, range) =>
    library.ready().then(() =>
      serveMedia(pathname, range, async (kind, id) => {
        try {
          return await library.current().mediaFile(kind, id);
        } catch {
          return null;
        }
      }),
    ),
  );
  registerIpcRouter(services.router);
  // The library opens in the background (a large one should not delay the window); jobs resume where they were at
  // the next start: nothing is cancelled by quitting.
  void services.start().catch((error: unknown) => logger.error('library: could not open at start-up', { error }));
  // Deleted drafts can be undeleted for 30 days; after that they (and their image copies) are purged.
  void services.drafts
    .purge(DELETED_DRAFTS_KEPT_MS)
    .catch((error: unknown) => logger.warn('drafts: purge failed', { error }));
  app.on('will-quit', () => {
    void services.close();
  });
  // The About panel (app menu on macOS, Help on Windows and Linux) names the version package.json gives, like the CLI.
  app.setAboutPanelOptions({
    applicationName: 'Reelbench',
    applicationVersion: packageVersion,
    version: `Electron ${process.versions.electron ?? ''}`.trim(),
    copyright: 'Copyright © 2026 Reelbench',
  });
  const setMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          platform: process.platform,
          appName: app.getName(),
          isDevelopment: !app.isPackaged,
          navigate: (view) => services.toWindow?.emit('app.navigate', { view }),
          openHelp: () => openInBrowser(APIMART_DOCS_URL),
          translate: translate(),
        }),
      ),
    );
  setMenu();
  // A new language in Settings reaches the menus at once, not at the next start.
  settings.subscribe(setMenu);

  const openWindow = async (): Promise<void> => {
    mainWindow = await createMainWindow({
      preloadFile,
      startUrl: devServerUrl ?? APP_ENTRY_URL,
      windowStateFile: paths.windowStateFile,
      logger,
      translate,
    });
    mainWindow.on('closed', () => {
      mainWindow = undefined;
    });
  };

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow();
  });
  await openWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Two instances would fight over the catalog and the job queue; the first one takes the focus instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigins));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Reelbench could not start:', error);
      app.exit(1);
    });
}
