import type { LibraryItemEvent, LibraryProblem, ReconcileReport } from '../../../shared/library/library-models';
import type { AppPaths } from '../app-paths';
import type { Logger } from '../logging/logger';
import type { SettingsStore } from '../settings/settings-store';
import type { MediaUrl } from './library-items';
import { moveLibraryFiles, pendingMove, type MoveProgress } from './library-move';
import { openLibrary, type LibraryService } from './library-service';
import { watchLibraryFolder, type FolderWatch } from './library-watcher';
import { appError } from '../../../shared/i18n/error-text';
import { catalogText } from '../../../shared/i18n/error-text';

/** What the host needs to open the library where the settings say. */
export interface LibraryHostDeps {
  readonly paths: AppPaths;
  readonly settings: SettingsStore;
  readonly defaultRoot: string;
  /** Wins over the settings (REELBENCH_LIBRARY_DIR for the CLI). */
  readonly rootOverride?: string | undefined;
  readonly appVersion: string;
  readonly mediaUrl: MediaUrl;
  readonly encodePoster: (image: Buffer) => Promise<Buffer>;
  readonly trash: (file: string) => Promise<void>;
  readonly logger?: Logger;
  /** Watch the folder for changes made outside the app (the app does; the CLI does not). */
  readonly watch?: boolean;
  readonly onChanged?: (report: ReconcileReport) => void;
  /** The library's own changes, item by item (see LibraryItemEvent). */
  readonly onItem?: (event: LibraryItemEvent) => void;
  /** How the folder is watched (fs.watch by default; tests pass one that fails). */
  readonly watchFolder?: typeof watchLibraryFolder;
}

/** Owns the open library: opens it, follows the folder, and moves it. */
export interface LibraryHost {
  /** Opens (resuming an interrupted move first) and reconciles; safe to call again after a failure. */
  open(): Promise<ReconcileReport>;
  /** Resolves when any open under way has its catalog open (or failed): the folder may still be being reconciled. */
  ready(): Promise<void>;
  /** Resolves when any open under way has also reconciled the folder: what the job pipeline files against. */
  reconciled(): Promise<void>;
  current(): LibraryService;
  location(): { readonly path: string; readonly isDefault: boolean };
  /** What the library has to tell the user: the host's own (a folder it cannot watch), then the library's. */
  problems(): LibraryProblem[];
  move(destination: string, onProgress?: (progress: MoveProgress) => void): Promise<ReconcileReport>;
  close(): void;
}

/** Creates the host; nothing is opened until `open`. */
export function createLibraryHost(deps: LibraryHostDeps): LibraryHost {
  let library: LibraryService | undefined;
  let watcher: FolderWatch | undefined;
  let watchProblem: LibraryProblem | null = null;
  // Settles once the catalog is open: the grid is served from it at once, while the folder is reconciled behind it.
  let opening: Promise<unknown> = Promise.resolve();
  let reconciling: Promise<unknown> = Promise.resolve();
  const root = () => deps.rootOverride ?? deps.settings.current().libraryDir ?? deps.defaultRoot;

  async function reconcileAndTell(): Promise<ReconcileReport> {
    if (!library) throw appError('libraryUnavailable', 'error.library.notOpen');
    const report = await library.reconcile();
    deps.onChanged?.(report);
    return report;
  }

  function close(): void {
    watcher?.close();
    library?.close();
    watcher = undefined;
    library = undefined;
  }

  function open(): Promise<ReconcileReport> {
    let catalogOpen: () => void = () => undefined;
    opening = new Promise<void>((resolve) => (catalogOpen = resolve));
    const run = openNow(catalogOpen);
    reconciling = run.catch(() => undefined).finally(catalogOpen);
    return run;
  }

  /**
   * Opens the catalog and serves it (`catalogOpen`), then brings it in line with the folder: a large library shows
   * what it had at once, and what changed while the app was closed arrives as a change like any other.
   */
  async function openNow(catalogOpen: () => void): Promise<ReconcileReport> {
    close();
    const interrupted = await pendingMove(deps.paths.libraryMoveJournal);
    if (interrupted) {
      deps.logger?.info('library: resuming an interrupted move', { from: interrupted.from, to: interrupted.to });
      await moveLibraryFiles(interrupted.from, interrupted.to, { journalFile: deps.paths.libraryMoveJournal });
      await deps.settings.updateInternal({ libraryDir: interrupted.to });
    }
    try {
      library = await openLibrary({
        root: root(),
        catalogFile: deps.paths.catalogFile,
        posterDir: deps.paths.posterDir,
        appVersion: deps.appVersion,
        mediaUrl: deps.mediaUrl,
        encodePoster: deps.encodePoster,
        trash: deps.trash,
        ...(deps.logger ? { logger: deps.logger } : {}),
        ...(deps.onItem ? { onItem: deps.onItem } : {}),
      });
    } catch (error) {
      deps.logger?.error('library: cannot open', { error });
      throw appError('libraryUnavailable', 'error.library.cannotOpen', { folder: root() });
    }
    watchProblem = null;
    if (deps.watch) {
      const watchFolder = deps.watchFolder ?? watchLibraryFolder;
      // The library's own writes already told the window, item by item: only changes from outside need a pass.
      const fromOutside = (changed: readonly string[]) =>
        changed.length === 0 || changed.some((name) => name === '' || !library?.isOwnWrite(name));
      watcher = watchFolder(
        library.root,
        (changed) => void (fromOutside(changed) ? reconcileAndTell().catch(() => undefined) : undefined),
        deps.logger,
        500,
        (error) => {
          // Without a watcher, videos added to the folder by hand appear only at the next start: say so.
          const said = catalogText('library.problem.cannotWatch', {
            reason: (error as NodeJS.ErrnoException).code ?? 'error',
          });
          watchProblem = { path: library?.root ?? root(), message: said.message, text: said.text };
        },
      );
    }
    catalogOpen();
    return reconcileAndTell();
  }

  return {
    open,
    ready: async () => {
      await opening;
    },
    reconciled: async () => {
      await reconciling;
    },
    current() {
      if (!library) throw appError('libraryUnavailable', 'error.library.notOpenYet');
      return library;
    },
    problems: () => [...(watchProblem ? [watchProblem] : []), ...(library?.problems() ?? [])],
    location: () => ({ path: root(), isDefault: !deps.rootOverride && deps.settings.current().libraryDir === null }),
    async move(destination, onProgress) {
      const from = root();
      close();
      try {
        await moveLibraryFiles(from, destination, {
          journalFile: deps.paths.libraryMoveJournal,
          ...(onProgress ? { onProgress } : {}),
        });
        await deps.settings.updateInternal({ libraryDir: destination });
      } catch (error) {
        // Reopening resumes the move from its journal; if that fails too, the next start tries again.
        await open().catch(() => undefined);
        throw error;
      }
      return open();
    },
    close,
  };
}
