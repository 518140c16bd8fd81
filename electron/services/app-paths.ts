import path from 'node:path';

/** Where Reelbench keeps its own files inside the OS's per-user app data folder. */
export interface AppPaths {
  readonly dataDir: string;
  readonly windowStateFile: string;
  readonly settingsFile: string;
  readonly logFile: string;
  /** Regenerable files: prepared images, previews, the upload cache. */
  readonly cacheDir: string;
  readonly uploadCacheFile: string;
  /** What APIMart said about its models (listing and schemas, each kept a day): a cache, rebuilt by a refresh. */
  readonly modelsFile: string;
  readonly catalogFile: string;
  readonly posterDir: string;
  /** Present while a library move is under way; lets an interrupted move resume. */
  readonly libraryMoveJournal: string;
  /** Generation jobs: not a cache, never rebuilt. */
  readonly jobsFile: string;
  /** Drafts, versions and presets, and the drafts' own copies of their reference images. */
  readonly draftsFile: string;
  readonly draftImagesDir: string;
  /** Storyboards' own files (voice-over, sound): `<boardsDir>/<board id>/…`. */
  readonly boardsDir: string;
}

/** Lays out the app data folder (Electron's `userData`, or a folder chosen by tests and the CLI). */
export function resolveAppPaths(dataDir: string): AppPaths {
  return {
    dataDir,
    windowStateFile: path.join(dataDir, 'window-state.json'),
    settingsFile: path.join(dataDir, 'settings.json'),
    logFile: path.join(dataDir, 'logs', 'main.log'),
    cacheDir: path.join(dataDir, 'cache'),
    uploadCacheFile: path.join(dataDir, 'cache', 'uploads.json'),
    modelsFile: path.join(dataDir, 'cache', 'models.json'),
    catalogFile: path.join(dataDir, 'library', 'catalog.sqlite'),
    posterDir: path.join(dataDir, 'cache', 'posters'),
    libraryMoveJournal: path.join(dataDir, 'library', 'move-journal.json'),
    jobsFile: path.join(dataDir, 'jobs.sqlite'),
    draftsFile: path.join(dataDir, 'drafts.sqlite'),
    draftImagesDir: path.join(dataDir, 'drafts', 'images'),
    boardsDir: path.join(dataDir, 'boards'),
  };
}

/** The data folder's files that are replaced whole by atomic writes, whose killed writers' temporary files are cleared. */
export function filesWrittenWhole(paths: AppPaths): readonly string[] {
  return [paths.settingsFile, paths.windowStateFile, paths.uploadCacheFile, paths.modelsFile, paths.libraryMoveJournal];
}
