import { BrowserWindow, nativeTheme, screen } from 'electron';
import type { Logger } from '../services/logging/logger';
import { attachEditContextMenu } from './native-menus';
import {
  MIN_WINDOW_SIZE,
  fitToDisplays,
  loadWindowState,
  saveWindowState,
  type WindowState,
} from '../services/window/window-state';
import type { Translator } from '../../shared/i18n/translator';

/** What the main window is made from. */
export interface MainWindowOptions {
  readonly preloadFile: string;
  readonly startUrl: string;
  readonly windowStateFile: string;
  readonly logger: Logger;
  /** The reader's language at the moment a menu opens. */
  readonly translate: () => Translator;
}

function currentState(window: BrowserWindow): WindowState {
  const bounds = window.getNormalBounds();
  return { ...bounds, maximized: window.isMaximized() };
}

/** Creates the one app window with Electron's security checklist applied, at the size and place it last had. */
export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const saved = fitToDisplays(
    await loadWindowState(options.windowStateFile),
    screen.getAllDisplays().map((display) => display.workArea),
  );

  const window = new BrowserWindow({
    ...saved,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Reelbench',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15161a' : '#f6f6f8',
    webPreferences: {
      preload: options.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would otherwise try to open links in a new window (refused anyway by setWindowOpenHandler).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });

  window.once('ready-to-show', () => {
    if (saved.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    saveWindowState(options.windowStateFile, currentState(window)).catch((error: unknown) =>
      options.logger.warn('window: could not save its size and position', { error }),
    );
  });

  attachEditContextMenu(window, options.translate);
  await window.loadURL(options.startUrl);
  return window;
}
