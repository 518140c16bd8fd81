import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  LibraryItem,
  LibraryItemEvent,
  LibraryProblem,
  LibraryPage,
  LibraryQuery,
  ReconcileReport,
  ReuseSettings,
} from '../../../shared/library/library-models';
import { itemIdSchema, libraryQuerySchema, REMOVAL_UNDO_MS } from '../../../shared/library/library-models';
import { SIDECAR_SUFFIX, type UserFields } from '../../../shared/library/sidecar';
import type { Logger } from '../logging/logger';
import type { Catalog } from '../storage/catalog-db';
import { openCatalogRepairing } from '../storage/catalog-repair';
import { rowFromSidecar } from './catalog-mapping';
import { copyAtomically, pathExists, uniqueName } from './file-moves';
import { fileGeneratedVideo, freeNameFor, importVideos, type AddVideoInput, type ImportReport } from './library-add';
import { itemNotFound, normalizeTags, toLibraryItem, type MediaKind, type MediaUrl } from './library-items';
import { isVideo, resolveInside, stemOfSidecar, toRelative } from './library-paths';
import { realFileInside } from './real-file';
import { reconcileLibrary } from './reconcile';
import { createSerialQueue } from './serial-queue';
import { createRemovalHold } from './removal-hold';
import { readSidecar, writeSidecar } from './sidecar-io';
import { appError } from '../../../shared/i18n/error-text';
import { catalogText } from '../../../shared/i18n/error-text';

/** What a library is opened with. */
export interface LibraryDeps {
  readonly root: string;
  readonly catalogFile: string;
  readonly posterDir: string;
  readonly appVersion: string;
  readonly mediaUrl: MediaUrl;
  /** Re-encodes a captured frame as the stored poster (sharp lives in the images service). */
  readonly encodePoster: (image: Buffer) => Promise<Buffer>;
  /** Moves a file to the OS trash (Electron's shell in the app). */
  readonly trash: (file: string) => Promise<void>;
  /** How long a removed item can be brought back before it goes to the OS trash. */
  readonly removalUndoMs?: number;
  readonly now?: () => Date;
  readonly logger?: Logger;
  /** Hears every change the library makes itself (filing, edits, removals, posters), with the item. */
  readonly onItem?: (event: LibraryItemEvent) => void;
}

/** How long a file the library wrote counts as its own when the folder watcher reports it. */
const OWN_WRITE_MS = 5_000;

/** The local video library. */
export interface LibraryService {
  readonly root: string;
  reconcile(): Promise<ReconcileReport>;
  rebuild(): Promise<ReconcileReport>;
  list(query: LibraryQuery): LibraryPage;
  get(id: string): LibraryItem;
  /** The item a generation job filed, if any. */
  findByJobId(jobId: string): LibraryItem | null;
  /** The settings that produced an item, for the workbench ("reuse settings"). */
  reuse(id: string): Promise<ReuseSettings>;
  update(id: string, patch: Partial<UserFields>): Promise<LibraryItem>;
  /** Files a generated video under a free name (`freeName`, then `fileVideo`). */
  addVideo(input: AddVideoInput): Promise<LibraryItem>;
  /** A name free in the library for a new video; the pipeline records it before filing, so a crash can finish the filing. */
  freeName(input: Pick<AddVideoInput, 'title' | 'generation' | 'createdAt'>): Promise<string>;
  /** Files (or finishes filing) a generated video under `stem`; repeatable, never a second copy. */
  fileVideo(stem: string, input: AddVideoInput): Promise<LibraryItem>;
  importFolder(folder: string): Promise<ImportReport>;
  exportItems(ids: readonly string[], destination: string): Promise<{ exported: number }>;
  /** Takes items out of the library at once; their files go to the OS trash when the undo window has passed. */
  remove(ids: readonly string[]): Promise<{ removed: number }>;
  /** Brings removed items back, as they were, while their undo window lasts; past it, says so. */
  undoRemove(ids: readonly string[]): Promise<{ restored: number }>;
  /** The file behind a media URL, or null: only items in the catalog, only inside the library. */
  mediaFile(kind: MediaKind, id: string): Promise<string | null>;
  savePoster(id: string, image: Buffer): Promise<void>;
  postersMissing(limit: number): { id: string; videoUrl: string }[];
  problems(): LibraryProblem[];
  /** Whether a library-relative path was just written (or removed) by the library itself: the watcher ignores those. */
  isOwnWrite(relative: string): boolean;
  close(): void;
}

/** Opens the library at `root` (creating the folder) and its catalog; call `reconcile` to bring it up to date. */
export async function openLibrary(deps: LibraryDeps): Promise<LibraryService> {
  const root = path.resolve(deps.root);
  await mkdir(root, { recursive: true });
  await mkdir(deps.posterDir, { recursive: true });
  const repairs: LibraryProblem[] = [];
  /** Opens the catalog; a damaged one is set aside and rebuilt from the sidecars, and the window is told. */
  const openCatalogNow = (): Catalog => {
    const opened = openCatalogRepairing(deps.catalogFile);
    if (opened.setAside) {
      deps.logger?.warn('library: the catalog was damaged; it was set aside and is rebuilt from the sidecars', {
        setAside: opened.setAside,
      });
      const rebuilt = catalogText('library.problem.catalogRebuilt', { name: path.basename(opened.setAside) });
      repairs.push({ path: path.basename(deps.catalogFile), message: rebuilt.message, text: rebuilt.text });
    }
    return opened.catalog;
  };
  let catalog: Catalog = openCatalogNow();
  const serial = createSerialQueue();
  const now = deps.now ?? (() => new Date());

  const posterFile = (id: string) => path.join(deps.posterDir, `${id}.webp`);
  const posterIds = async () =>
    new Set(
      (await readdir(deps.posterDir))
        .filter((name) => name.endsWith('.webp'))
        .map((name) => name.slice(0, -'.webp'.length)),
    );
  const rowOf = (id: string) => {
    const row = itemIdSchema.safeParse(id).success ? catalog.get(id) : null;
    if (!row) throw itemNotFound();
    return row;
  };
  const ownWrites = new Map<string, number>();
  const markOwn = (...relatives: (string | null)[]) => {
    const until = Date.now() + OWN_WRITE_MS;
    for (const relative of relatives) if (relative) ownWrites.set(relative, until);
  };
  const tell = (event: LibraryItemEvent) => {
    try {
      deps.onItem?.(event);
    } catch (error) {
      deps.logger?.warn('library: an item event listener failed', { error });
    }
  };
  const hold = createRemovalHold(root, deps.trash);
  const releaseTimers = new Set<NodeJS.Timeout>();
  const release = (id: string) =>
    serial(async () => {
      if (await hold.release(id)) await rm(posterFile(id), { force: true });
    });
  const undoMs = deps.removalUndoMs ?? REMOVAL_UNDO_MS;
  /** Sends a held item to the trash once its undo window is over (at once when it already is). */
  const releaseWhenDue = (id: string, heldFor: number) => {
    const timer = setTimeout(
      () => {
        releaseTimers.delete(timer);
        void release(id).catch((error: unknown) =>
          deps.logger?.warn('library: moving a removed item to the trash failed', { error }),
        );
      },
      Math.max(0, undoMs - heldFor),
    );
    // A short-lived process (the CLI) does not wait for it: the process that removed the item releases it.
    timer.unref();
    releaseTimers.add(timer);
  };
  // Items a quit or a crash left in the hold go to the trash when their undo window is over: one removed moments ago
  // by another Reelbench process (the app, with its Undo still showing) is left to it until then.
  void hold
    .heldIds()
    .then((ids) =>
      Promise.all(
        ids.map(async (id) => {
          const heldFor = await hold.heldFor(id, Date.now());
          if (heldFor === null) return;
          if (heldFor >= undoMs) await release(id);
          else releaseWhenDue(id, heldFor);
        }),
      ),
    )
    .catch((error: unknown) => deps.logger?.warn('library: releasing removed items failed', { error }));
  // Videos whose damaged sidecar is kept aside: their cards say so until the user deals with it.
  let keptAside: ReadonlySet<string> = new Set();
  const reconcile = () =>
    serial(async () => {
      const report = await reconcileLibrary({
        root,
        catalog,
        appVersion: deps.appVersion,
        now,
        posterIds: await posterIds(),
        onKeptAside: (stems) => {
          keptAside = new Set(stems);
        },
      });
      return report;
    });

  /**
   * The video a sidecar belongs to: the one with its stem (`clip.reelbench.json` → `clip.mp4`), never the name the
   * sidecar's text gives, which another item's video may be.
   */
  async function videoBeside(sidecarAbsolute: string): Promise<string> {
    const stem = stemOfSidecar(sidecarAbsolute);
    const exact = `${stem}.mp4`;
    if (await pathExists(exact)) return exact;
    const base = path.basename(stem);
    const names = await readdir(path.dirname(stem));
    const name = names.find((candidate) => isVideo(candidate) && candidate.slice(0, -'.mp4'.length) === base);
    if (!name) throw appError('notFound', 'error.library.alreadyTrashed');
    return path.join(path.dirname(stem), name);
  }

  /** Re-indexes one sidecar right after Reelbench wrote it, without a full pass. */
  async function indexSidecar(sidecarAbsolute: string): Promise<LibraryItem> {
    const read = await readSidecar(sidecarAbsolute);
    if (!read.ok) throw new Error(`sidecar just written is unreadable: ${read.problem.message}`);
    const videoAbsolute = await videoBeside(sidecarAbsolute);
    const [videoStat, sidecarStat] = await Promise.all([stat(videoAbsolute), stat(sidecarAbsolute)]);
    const video = {
      relative: toRelative(root, videoAbsolute),
      absolute: videoAbsolute,
      size: videoStat.size,
      mtimeMs: videoStat.mtimeMs,
    };
    const sidecarFile = {
      relative: toRelative(root, sidecarAbsolute),
      absolute: sidecarAbsolute,
      size: sidecarStat.size,
      mtimeMs: sidecarStat.mtimeMs,
    };
    const row = rowFromSidecar(read.sidecar, video, sidecarFile, await pathExists(posterFile(read.sidecar.id)));
    catalog.transaction(() => catalog.upsert(row));
    markOwn(row.videoPath, row.sidecarPath, row.referencePath);
    return toLibraryItem(row, deps.mediaUrl, keptAside);
  }

  /** Indexes what was just written and says so. */
  async function indexAndTell(sidecarAbsolute: string, kind: 'added' | 'changed'): Promise<LibraryItem> {
    const item = await indexSidecar(sidecarAbsolute);
    tell({ kind, item });
    return item;
  }

  return {
    root,
    reconcile,
    // Rebuilding on request also repairs: a damaged catalog is set aside, a sound one emptied, then filled from the sidecars.
    rebuild: () =>
      serial(async () => {
        catalog.close();
        catalog = openCatalogNow();
        catalog.clear();
      }).then(reconcile),
    list(query) {
      const parsed = libraryQuerySchema.parse(query);
      const { rows, total } = catalog.list(parsed);
      return { items: rows.map((row) => toLibraryItem(row, deps.mediaUrl, keptAside)), total };
    },
    get: (id) => toLibraryItem(rowOf(id), deps.mediaUrl, keptAside),
    findByJobId(jobId) {
      const row = catalog.findByJobId(jobId);
      return row ? toLibraryItem(row, deps.mediaUrl, keptAside) : null;
    },
    async reuse(id) {
      const row = rowOf(id);
      const sidecarAbsolute = resolveInside(root, row.sidecarPath);
      const read = sidecarAbsolute ? await readSidecar(sidecarAbsolute) : null;
      const generation = read?.ok ? read.sidecar.generation : null;
      if (!generation) throw appError('invalidInput', 'error.library.notMadeHere');
      return {
        prompt: generation.prompt,
        model: generation.model,
        params: generation.params,
        referenceUrl: row.referencePath ? deps.mediaUrl('reference', row.id) : null,
        draftId: row.draftId,
        draftVersionId: row.draftVersionId,
      };
    },
    update: (id, patch) =>
      serial(async () => {
        const row = rowOf(id);
        const sidecarAbsolute = resolveInside(root, row.sidecarPath);
        const read = sidecarAbsolute ? await readSidecar(sidecarAbsolute) : null;
        if (!sidecarAbsolute || !read?.ok) throw itemNotFound();
        const user = { ...read.sidecar.user, ...patch };
        if (patch.tags) user.tags = normalizeTags(patch.tags);
        if (patch.title !== undefined) user.title = patch.title.trim();
        markOwn(row.sidecarPath);
        await writeSidecar(sidecarAbsolute, { ...read.sidecar, user });
        return indexAndTell(sidecarAbsolute, 'changed');
      }),
    addVideo: (input) =>
      serial(async () =>
        indexAndTell(await fileGeneratedVideo(root, await freeNameFor(root, input), input, deps.appVersion), 'added'),
      ),
    freeName: (input) => serial(() => freeNameFor(root, input)),
    fileVideo: (stem, input) =>
      serial(async () => {
        markOwn(`${stem}.mp4`, `${stem}${SIDECAR_SUFFIX}`);
        return indexAndTell(await fileGeneratedVideo(root, stem, input, deps.appVersion), 'added');
      }),
    importFolder: (folder) =>
      serial(() => importVideos(root, folder, (id) => catalog.get(id) !== null, deps.appVersion)).then(
        async (report) => {
          await reconcile();
          return report;
        },
      ),
    exportItems: (ids, destination) =>
      serial(async () => {
        await mkdir(destination, { recursive: true });
        for (const id of ids) {
          const row = rowOf(id);
          const referenceFile = row.referencePath ? resolveInside(root, row.referencePath) : null;
          const referenceExtension = referenceFile ? path.extname(referenceFile) : null;
          const files = [
            [row.videoPath, '.mp4'],
            [row.sidecarPath, SIDECAR_SUFFIX],
            ...(row.referencePath && referenceExtension
              ? [[row.referencePath, `.ref${referenceExtension}`] as const]
              : []),
          ] as const;
          // One stem free for every file of the item: nothing already in the destination is ever overwritten.
          const stem = await uniqueName(
            destination,
            path.posix.basename(row.videoPath).replace(/\.mp4$/i, ''),
            '',
            async (candidate) =>
              (await Promise.all(files.map(([, suffix]) => pathExists(`${candidate}${suffix}`)))).some(Boolean),
          );
          for (const [relative, suffix] of files) {
            const source = resolveInside(root, relative);
            if (source && (await realFileInside(source, root)))
              await copyAtomically(source, path.join(destination, `${stem}${suffix}`));
          }
        }
        return { exported: ids.length };
      }),
    remove: (ids) =>
      serial(async () => {
        for (const id of ids) {
          const row = rowOf(id);
          const files = [row.videoPath, row.sidecarPath, row.referencePath].filter((relative): relative is string =>
            Boolean(relative),
          );
          const present: string[] = [];
          for (const relative of files) {
            const file = resolveInside(root, relative);
            if (file && (await pathExists(file))) present.push(relative);
          }
          markOwn(...present);
          await hold.hold(id, present);
          catalog.transaction(() => catalog.removeByPath(row.videoPath));
          releaseWhenDue(id, 0);
        }
        tell({ kind: 'removed', ids: [...ids] });
        return { removed: ids.length };
      }),
    undoRemove: (ids) =>
      serial(async () => {
        let restored = 0;
        for (const id of ids) {
          const files = itemIdSchema.safeParse(id).success ? await hold.restore(id) : null;
          if (!files) throw appError('notFound', 'error.library.alreadyTrashed');
          const sidecar = files.find((file) => file.endsWith(SIDECAR_SUFFIX));
          if (!sidecar) continue;
          await indexAndTell(sidecar, 'added');
          restored += 1;
        }
        return { restored };
      }),
    async mediaFile(kind, id) {
      if (!itemIdSchema.safeParse(id).success) return null;
      const row = catalog.get(id);
      if (!row) return null;
      if (kind === 'poster') {
        const poster = posterFile(id);
        return row.hasPoster && (await realFileInside(poster, deps.posterDir)) ? poster : null;
      }
      const relative = kind === 'video' ? row.videoPath : row.referencePath;
      const file = relative ? resolveInside(root, relative) : null;
      return file && (await realFileInside(file, root)) ? file : null;
    },
    savePoster: (id, image) =>
      serial(async () => {
        rowOf(id);
        const encoded = await deps.encodePoster(image);
        const temporary = `${posterFile(id)}.tmp`;
        await writeFile(temporary, encoded);
        await rename(temporary, posterFile(id));
        catalog.setPoster(id, true);
        tell({ kind: 'changed', item: toLibraryItem(rowOf(id), deps.mediaUrl, keptAside) });
      }),
    postersMissing: (limit) => catalog.withoutPoster(limit).map((id) => ({ id, videoUrl: deps.mediaUrl('video', id) })),
    problems: () => [...repairs, ...catalog.problems()],
    isOwnWrite(relative) {
      const until = ownWrites.get(relative);
      if (until === undefined) return false;
      if (until >= Date.now()) return true;
      ownWrites.delete(relative);
      return false;
    },
    close: () => {
      // Held items stay where they are; the next start sends them to the trash.
      for (const timer of releaseTimers) clearTimeout(timer);
      releaseTimers.clear();
      catalog.close();
    },
  };
}
