import type { MenuItemConstructorOptions } from 'electron';
import type { View } from '../../shared/models/app-info';
import { VIEW_BY_ID, VIEWS } from '../../shared/models/views';
import type { Translator } from '../../shared/i18n/translator';

/** What the menu needs to do its job; the menu itself holds no logic beyond layout. */
export interface MenuActions {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  readonly isDevelopment: boolean;
  readonly navigate: (view: View) => void;
  readonly openHelp: () => void;
  /** The reader's language; Electron's roles (Copy, Quit…) are worded by the OS. */
  readonly translate: Translator;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/** The views the View menu lists (Settings has its platform's own place: the app menu, or File). */
function viewItems({ navigate, translate: { t } }: MenuActions): MenuItemConstructorOptions[] {
  return VIEWS.filter((view) => view.id !== 'settings').map((view) => ({
    label: t(view.label),
    accelerator: `CmdOrCtrl+${view.shortcut}`,
    click: () => navigate(view.id),
  }));
}

/**
 * The application menu for one platform. macOS gets its app menu (About, Settings…, Services, Hide, Quit) and a
 * Window menu; Windows and Linux get Settings and Quit under File. Every platform gets an Edit menu: without its
 * roles, copy and paste shortcuts do nothing in text fields on macOS.
 */
export function buildMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const isMac = actions.platform === 'darwin';
  const { t } = actions.translate;
  const settings: MenuItemConstructorOptions = {
    label: isMac ? t('menu.settingsEllipsis') : t('menu.settings'),
    accelerator: `CmdOrCtrl+${VIEW_BY_ID.settings.shortcut}`,
    click: () => actions.navigate('settings'),
  };

  const appMenu: MenuItemConstructorOptions = {
    label: actions.appName,
    submenu: [
      { role: 'about' },
      separator,
      settings,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: t('menu.file'),
    submenu: isMac ? [{ role: 'close' }] : [settings, separator, { role: 'quit' }],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: t('menu.edit'),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: t('menu.view'),
    submenu: [
      ...viewItems(actions),
      separator,
      ...(actions.isDevelopment ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, separator] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    role: 'windowMenu',
  };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: t('menu.documentation'), click: actions.openHelp },
      ...(isMac ? [] : [separator, { role: 'about' } as const]),
    ],
  };

  return [...(isMac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}
