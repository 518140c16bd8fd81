import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { AppPaths } from '../../electron/services/app-paths';
import { encodePoster } from '../../electron/services/images/poster-encode';
import type { DesktopShell } from '../../electron/services/desktop/desktop-shell';
import { createLibraryHost, type LibraryHost } from '../../electron/services/library/library-host';
import type { Logger } from '../../electron/services/logging/logger';
import type { SettingsStore } from '../../electron/services/settings/settings-store';
import type { LibraryItemEvent, ReconcileReport } from '../../shared/library/library-models';
import type { MenuEntry } from '../../shared/models/context-menu';

/** The desktop shell as tests see it: the "folder picker" answers what the test says; reveals are recorded. */
export interface TestDesktop extends DesktopShell {
  /** What the next folder picker returns (null = the user cancelled). */
  nextFolder: string | null;
  /** What the next file picker returns. */
  nextFile: string | null;
  readonly revealed: string[];
  /** The menus the window asked for, and what the next one answers (an id, or null: dismissed). */
  readonly menus: MenuEntry[][];
  nextMenuChoice: string | null;
  readonly dragged: string[];
  /** The API hosts the user was asked about, and what the next question answers. */
  readonly askedHosts: string[];
  nextHostAnswer: boolean;
}

/** A library host over real folders, as the shell builds it, with the OS trash replaced by deletion. */
export function createTestLibraryHost(
  paths: AppPaths,
  settings: SettingsStore,
  mediaBase: string,
  logger?: Logger,
  onChanged?: (report: ReconcileReport) => void,
  onItem?: (event: LibraryItemEvent) => void,
): { host: LibraryHost; desktop: TestDesktop; root: string } {
  const root = testLibraryRoot(paths);
  const host = createLibraryHost({
    paths,
    settings,
    defaultRoot: root,
    appVersion: 'test',
    mediaUrl: (kind, id) => `${mediaBase}/media/${kind}/${id}`,
    encodePoster,
    trash: (file) => rm(file, { force: true }),
    ...(logger ? { logger } : {}),
    ...(onChanged ? { onChanged } : {}),
    ...(onItem ? { onItem } : {}),
  });
  const desktop = createTestDesktop();
  return { host, desktop, root };
}

/** The library folder tests use for a data folder: `<dataDir>/../Videos/Reelbench`, like the OS Videos folder. */
export function testLibraryRoot(paths: AppPaths): string {
  return path.join(paths.dataDir, '..', 'Videos', 'Reelbench');
}

/** A desktop shell whose pickers answer what the test says, recording reveals, menus and drags. */
export function createTestDesktop(): TestDesktop {
  const desktop: TestDesktop = {
    nextFolder: null,
    nextFile: null,
    revealed: [],
    chooseFolder: async () => desktop.nextFolder,
    chooseFile: async () => desktop.nextFile,
    reveal: (file) => void desktop.revealed.push(file),
    menus: [],
    nextMenuChoice: null,
    showMenu: async (items) => {
      desktop.menus.push([...items]);
      return desktop.nextMenuChoice;
    },
    dragged: [],
    startDrag: (file) => void desktop.dragged.push(file),
    askedHosts: [],
    nextHostAnswer: true,
    confirmApiHost: async (host) => {
      desktop.askedHosts.push(host);
      return desktop.nextHostAnswer;
    },
  };
  return desktop;
}
