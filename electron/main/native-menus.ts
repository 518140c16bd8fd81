import {
  Menu,
  type BrowserWindow,
  type ContextMenuParams,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import type { MenuEntry } from '../../shared/models/context-menu';
import type { Translator } from '../../shared/i18n/translator';

/** How long to wait, after a menu closed, for the click that may follow on some platforms. */
const CLICK_AFTER_CLOSE_MS = 100;

/** Pops a menu the window asked for up at the pointer and answers the chosen entry's id (null: dismissed). */
export function popupMenu(window: BrowserWindow | undefined, items: readonly MenuEntry[]): Promise<string | null> {
  return new Promise((resolve) => {
    const template: MenuItemConstructorOptions[] = items.map((entry) =>
      'separator' in entry
        ? { type: 'separator' }
        : { label: entry.label, enabled: entry.enabled ?? true, click: () => resolve(entry.id) },
    );
    // The close callback can come before the click (Windows, Linux): a late click still wins the race.
    const closed = () => setTimeout(() => resolve(null), CLICK_AFTER_CLOSE_MS);
    Menu.buildFromTemplate(template).popup(window ? { window, callback: closed } : { callback: closed });
  });
}

type EditParams = Pick<
  ContextMenuParams,
  'isEditable' | 'selectionText' | 'editFlags' | 'misspelledWord' | 'dictionarySuggestions'
>;

/**
 * What a right-click in the page offers: spelling fixes and the edit commands in a text field, Copy on selected
 * text, nothing elsewhere (the page shows its own menus for its own things). Electron shows none by default.
 */
export function editMenuTemplate(
  params: EditParams,
  contents: Pick<WebContents, 'replaceMisspelling'> & {
    session: Pick<WebContents['session'], 'addWordToSpellCheckerDictionary'>;
  },
  translate: Translator,
): MenuItemConstructorOptions[] {
  if (!params.isEditable)
    return params.selectionText.trim() ? [{ role: 'copy', enabled: params.editFlags.canCopy }] : [];
  const spelling: MenuItemConstructorOptions[] = params.misspelledWord
    ? [
        ...params.dictionarySuggestions
          .slice(0, 5)
          .map((word): MenuItemConstructorOptions => ({ label: word, click: () => contents.replaceMisspelling(word) })),
        {
          label: translate.t('menu.addToDictionary'),
          click: () => contents.session.addWordToSpellCheckerDictionary(params.misspelledWord),
        },
        { type: 'separator' },
      ]
    : [];
  return [
    ...spelling,
    { role: 'undo', enabled: params.editFlags.canUndo },
    { role: 'redo', enabled: params.editFlags.canRedo },
    { type: 'separator' },
    { role: 'cut', enabled: params.editFlags.canCut },
    { role: 'copy', enabled: params.editFlags.canCopy },
    { role: 'paste', enabled: params.editFlags.canPaste },
    { type: 'separator' },
    { role: 'selectAll', enabled: params.editFlags.canSelectAll },
  ];
}

/** Gives the window's text fields and selections their native context menu. */
export function attachEditContextMenu(window: BrowserWindow, translate: () => Translator): void {
  window.webContents.on('context-menu', (_event, params) => {
    const template = editMenuTemplate(params, window.webContents, translate());
    if (template.length > 0) Menu.buildFromTemplate(template).popup({ window });
  });
}
