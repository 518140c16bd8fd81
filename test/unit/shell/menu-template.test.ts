import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../../electron/main/menu-template';
import type { View } from '../../../shared/models/app-info';
import { translator, type Language } from '../../../shared/i18n/translator';

function template(platform: NodeJS.Platform, isDevelopment = false, language: Language = 'en') {
  const navigated: View[] = [];
  const actions: MenuActions = {
    platform,
    appName: 'Reelbench',
    isDevelopment,
    navigate: (view) => navigated.push(view),
    openHelp: () => {},
    translate: translator(language),
  };
  return { menu: buildMenuTemplate(actions), navigated };
}

function roles(item: MenuItemConstructorOptions | undefined): string[] {
  const submenu = Array.isArray(item?.submenu) ? item.submenu : [];
  return submenu.map((entry) => entry.role ?? entry.label ?? entry.type ?? '').filter(Boolean);
}

function find(menu: MenuItemConstructorOptions[], label: string) {
  return menu.find((item) => item.label === label || item.role === label);
}

describe('application menu', () => {
  it.each([
    ['ko', '편집', '보기', '라이브러리'],
    ['ja', '編集', '表示', 'ライブラリ'],
    ['zh', '编辑', '视图', '资料库'],
  ] as const)(
    "is worded in the reader's language (%s), from the same catalogs as the window",
    (language, edit, view, library) => {
      const { menu } = template('linux', false, language);
      expect(find(menu, edit)?.label).toBe(edit);
      expect(roles(find(menu, view))).toContain(library);
      expect(find(menu, 'Edit')).toBeUndefined();
    },
  );

  it('gives macOS its app menu first, with About, Settings, Hide and Quit', () => {
    const { menu } = template('darwin');
    expect(menu[0]?.label).toBe('Reelbench');
    expect(roles(menu[0])).toEqual(expect.arrayContaining(['about', 'Settings…', 'services', 'hide', 'quit']));
  });

  it.each(['darwin', 'win32', 'linux'] as const)('has an Edit menu with clipboard roles on %s', (platform) => {
    const edit = roles(find(template(platform).menu, 'Edit'));
    expect(edit).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });

  it.each(['win32', 'linux'] as const)(
    'puts Settings and Quit under File on %s, with no macOS app menu',
    (platform) => {
      const { menu } = template(platform);
      expect(menu[0]?.label).toBe('File');
      expect(roles(menu[0])).toEqual(expect.arrayContaining(['Settings', 'quit']));
    },
  );

  it('routes view items and Settings to navigation', () => {
    const { menu, navigated } = template('linux');
    const items = [
      ...(find(menu, 'View')?.submenu as MenuItemConstructorOptions[]),
      ...(menu[0]?.submenu as MenuItemConstructorOptions[]),
    ];
    for (const label of ['Library', 'Settings']) {
      const item = items.find((entry) => entry.label === label);
      (item?.click as (() => void) | undefined)?.();
    }
    expect(navigated).toEqual(['library', 'settings']);
  });

  it('offers devtools only in development', () => {
    expect(roles(find(template('linux', false).menu, 'View'))).not.toContain('toggleDevTools');
    expect(roles(find(template('linux', true).menu, 'View'))).toContain('toggleDevTools');
  });
});
