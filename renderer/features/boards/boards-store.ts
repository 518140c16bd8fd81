import { create } from 'zustand';
import type {
  BoardPlan,
  BoardScope,
  Shot,
  ShotPatch,
  Storyboard,
  SubtitleStyle,
} from '../../../shared/boards/board-models';
import { withLine } from '../../../shared/boards/voice-over';
import type { AppErrorData } from '../../../shared/errors';
import type { LibraryItem } from '../../../shared/library/library-models';
import { api, failureOf, unwrap } from '../../lib/bridge';
import { useNoticesStore } from '../../lib/notices-store';
import { chosenTake } from '../../../shared/boards/chosen-take';
import { exportFromWindow, needsWindowExport, trimsTakes } from './window-export';
import { lastFrameOf } from '../../lib/last-frame';

/** A generation waiting for the user's yes: what it sends and costs. */
export interface PendingGeneration {
  readonly scope: BoardScope;
  readonly plan: BoardPlan;
}

/** The storyboards view: the list, the open board, its takes' videos, and what is under way. */
export interface BoardsStore {
  readonly boards: readonly Storyboard[];
  readonly board: Storyboard | null;
  readonly selectedShotId: string | null;
  /** The character the inspector shows instead of the shot (null: the selected shot). */
  readonly selectedCharacterId: string | null;
  /** The library items of the open board's takes, by item id. */
  readonly takeItems: ReadonlyMap<string, LibraryItem>;
  readonly pending: PendingGeneration | null;
  /** 0–1 while the film is being joined; null otherwise. */
  readonly exportProgress: number | null;
  readonly error: AppErrorData | null;
  load(): Promise<void>;
  open(id: string | null): Promise<void>;
  /** Reads the open board again (a take was filed). */
  refresh(): Promise<void>;
  create(fromDraftIds?: readonly string[]): Promise<void>;
  rename(title: string): Promise<void>;
  removeBoard(): Promise<void>;
  select(shotId: string | null): void;
  selectCharacter(characterId: string | null): void;
  addShot(fromDraftId?: string): Promise<void>;
  /** Shows the edit at once and saves it (debounced for typing). */
  editShot(shotId: string, patch: ShotPatch): void;
  flush(): Promise<void>;
  moveShot(shotId: string, toIndex: number): Promise<void>;
  duplicateShot(shotId: string): Promise<void>;
  /** Deletes a shot, with an Undo notice. */
  removeShot(shotId: string): Promise<void>;
  chooseTake(shotId: string, jobId: string): Promise<void>;
  /** A new shot after this one continuing one of its takes (the model's remix), selected for its prompt. */
  extendTake(shotId: string, jobId: string): Promise<void>;
  /** Sets (or, with null, clears) a shot's first frame from an image token. */
  setFirstFrame(shotId: string, image: string | null): Promise<void>;
  pickFirstFrame(shotId: string): Promise<void>;
  /** The shot whose first frame is being taken from the previous shot's last frame. */
  readonly grabbing: string | null;
  /**
   * Turns "start from the previous shot's last frame" on (the chosen take's exact last frame becomes this shot's
   * first frame) or off (the frame stays until removed).
   */
  continueFrom(shotId: string, on: boolean): Promise<void>;
  /** Asks what a generation would send and cost, and holds it for the user's yes. */
  askGenerate(scope: BoardScope): Promise<void>;
  confirmGenerate(): Promise<void>;
  cancelGenerate(): void;
  exportFilm(): Promise<LibraryItem | null>;
  /** Whether the "subtitles in the picture" dialog is open. */
  readonly burnOpen: boolean;
  setBurnOpen(open: boolean): void;
  /** Keeps the subtitle style with the board, then exports the film with its subtitles drawn into the pictures. */
  exportBurned(style: SubtitleStyle): Promise<LibraryItem | null>;
  /** Why the takes cannot be joined as they are, while the window offers to encode them again. */
  readonly encodeOffer: string | null;
  /** Encodes the takes again in the window, then joins them into the film (slower; progress and cancel as usual). */
  encodeFilm(): Promise<LibraryItem | null>;
  dismissEncodeOffer(): void;
  cancelExport(): Promise<void>;
  receiveProgress(id: string, fraction: number): void;
  /** A library item changed (its poster was captured, its title edited): a take showing it shows the change. */
  receiveItem(item: LibraryItem): void;
  /** Runs a change of the open board in the main process (pending edits saved first) and shows what it answers. */
  apply(work: (board: Storyboard) => Promise<Storyboard>): Promise<Storyboard | null>;
}

const AUTOSAVE_MS = 400;

/** The boards store: every call to the main process for storyboards is here, none in the components. */
export const useBoardsStore = create<BoardsStore>()((set, get) => {
  let pending: { shotId: string; patch: ShotPatch } | null = null;
  let encoding: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fail = (error: unknown) => useNoticesStore.getState().fail(error, 'board-notice');
  const exported = (item: LibraryItem) =>
    useNoticesStore.getState().notify({
      text: { message: { key: 'boards.exported', params: { title: item.title } } },
      testId: 'board-notice',
    });

  /** Exports through the window (sound mixed here, takes encoded again when `encode`), with progress and cancel. */
  async function windowExport(board: Storyboard, encode: boolean, burnSubtitles = false): Promise<LibraryItem | null> {
    const controller = new AbortController();
    encoding = controller;
    set({ encodeOffer: null, exportProgress: 0 });
    let item: LibraryItem | null = null;
    const failure = await failureOf(async () => {
      item = await exportFromWindow({
        board,
        takeItems: get().takeItems,
        encode,
        burnSubtitles,
        signal: controller.signal,
        onProgress: (fraction) => set({ exportProgress: Math.min(0.9, fraction) }),
      });
      exported(item);
    });
    encoding = null;
    set({ exportProgress: null });
    // Takes whose codec parameters differ: offered to be encoded again, as for any export.
    if (failure?.code === 'needsEncode')
      set({ encodeOffer: String(failure.text?.params['reason'] ?? failure.message) });
    else if (failure && !controller.signal.aborted)
      useNoticesStore.getState().notify({ text: { error: failure }, testId: 'board-notice' });
    return item;
  }

  /** Shows a board and fetches the library items of its takes (posters, videos, durations). */
  async function show(board: Storyboard | null): Promise<void> {
    set({ board, error: null });
    if (!board) return set({ takeItems: new Map() });
    const known = get().takeItems;
    const ids = board.shots.flatMap((shot) => shot.takes.flatMap((take) => (take.itemId ? [take.itemId] : [])));
    // Items not seen yet, and those without a poster yet (it is captured after the video is filed).
    const missing = ids.filter((id) => !known.get(id)?.posterUrl);
    const fetched = await Promise.all(missing.map((id) => unwrap(api().library.get({ id })).catch(() => null)));
    const items = new Map(known);
    for (const item of fetched) if (item) items.set(item.id, item);
    set({ takeItems: items });
  }
  /** Runs a change of the open board and shows the board it answers. */
  async function change(work: (board: Storyboard) => Promise<Storyboard>): Promise<Storyboard | null> {
    const board = get().board;
    if (!board) return null;
    try {
      await flush();
      const next = await work(board);
      await show(next);
      void get().load();
      return next;
    } catch (error) {
      fail(error);
      return null;
    }
  }
  async function flush(): Promise<void> {
    clearTimeout(timer);
    const edit = pending;
    const board = get().board;
    pending = null;
    if (!edit || !board) return;
    try {
      const saved = await unwrap(api().boards.updateShot({ id: board.id, shotId: edit.shotId, patch: edit.patch }));
      // Edits made while this one was being saved stay on screen (and are saved next).
      const current = get().board;
      if (current?.id === saved.id && pending === null) set({ board: saved });
    } catch (error) {
      fail(error);
    }
  }

  return {
    boards: [],
    board: null,
    selectedShotId: null,
    selectedCharacterId: null,
    takeItems: new Map(),
    pending: null,
    exportProgress: null,
    error: null,
    grabbing: null,
    encodeOffer: null,
    apply: change,
    async load() {
      set({ error: await failureOf(async () => set({ boards: await unwrap(api().boards.list({})) })) });
    },
    async open(id) {
      await flush();
      set({ pending: null, selectedShotId: null, selectedCharacterId: null });
      if (id === null) return show(null);
      try {
        const board = await unwrap(api().boards.get({ id }));
        await show(board);
        set({ selectedShotId: board.shots[0]?.id ?? null });
      } catch (error) {
        fail(error);
      }
    },
    async refresh() {
      const board = get().board;
      if (!board || pending) return;
      try {
        await show(await unwrap(api().boards.get({ id: board.id })));
      } catch {
        // Deleted meanwhile (in another window or process): the list says so when it is read again.
      }
    },
    async create(fromDraftIds) {
      try {
        const board = await unwrap(api().boards.create(fromDraftIds ? { fromDraftIds: [...fromDraftIds] } : {}));
        await get().load();
        await get().open(board.id);
      } catch (error) {
        fail(error);
      }
    },
    rename: (title) => change((board) => unwrap(api().boards.rename({ id: board.id, title }))).then(() => undefined),
    async removeBoard() {
      const board = get().board;
      if (!board) return;
      try {
        await flush();
        await unwrap(api().boards.remove({ id: board.id }));
        await get().open(null);
        await get().load();
        useNoticesStore.getState().notify({
          text: { key: 'boards.deleted' },
          undo: async () => {
            await unwrap(api().boards.undoRemove({ id: board.id }));
            await get().load();
            await get().open(board.id);
          },
          durationMs: 10_000,
          testId: 'board-deleted',
          undoTestId: 'board-undo',
        });
      } catch (error) {
        fail(error);
      }
    },
    select: (shotId) => set({ selectedShotId: shotId, selectedCharacterId: null }),
    selectCharacter: (characterId) => set({ selectedCharacterId: characterId }),
    async addShot(fromDraftId) {
      const selected = get().board?.shots.findIndex((shot) => shot.id === get().selectedShotId) ?? -1;
      const next = await change((board) =>
        unwrap(
          api().boards.addShot({
            id: board.id,
            ...(selected >= 0 ? { afterIndex: selected } : {}),
            ...(fromDraftId ? { fromDraftId } : {}),
          }),
        ),
      );
      const added = next?.shots[selected >= 0 ? selected + 1 : next.shots.length - 1];
      if (added) set({ selectedShotId: added.id });
    },
    editShot(shotId, patch) {
      const board = get().board;
      if (!board) return;
      if (pending && pending.shotId !== shotId) void flush();
      pending = { shotId, patch: { ...pending?.patch, ...patch } };
      set({
        board: {
          ...board,
          shots: board.shots.map((shot) => (shot.id === shotId ? shownPatched(shot, patch) : shot)),
        },
      });
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), AUTOSAVE_MS);
    },
    flush,
    moveShot: (shotId, toIndex) =>
      change((board) => unwrap(api().boards.moveShot({ id: board.id, shotId, toIndex }))).then(() => undefined),
    async duplicateShot(shotId) {
      const next = await change((board) => unwrap(api().boards.duplicateShot({ id: board.id, shotId })));
      const index = next?.shots.findIndex((shot) => shot.id === shotId) ?? -1;
      const copy = next?.shots[index + 1];
      if (copy) set({ selectedShotId: copy.id });
    },
    async removeShot(shotId) {
      const next = await change((board) => unwrap(api().boards.removeShot({ id: board.id, shotId })));
      if (!next) return;
      if (get().selectedShotId === shotId) set({ selectedShotId: next.shots[0]?.id ?? null });
      useNoticesStore.getState().notify({
        text: { key: 'boards.shotDeleted' },
        undo: async () => {
          await change((board) => unwrap(api().boards.restoreShot({ id: board.id, shotId })));
          set({ selectedShotId: shotId });
        },
        durationMs: 10_000,
        testId: 'shot-deleted',
        undoTestId: 'shot-undo',
      });
    },
    chooseTake: (shotId, jobId) =>
      change((board) => unwrap(api().boards.chooseTake({ id: board.id, shotId, jobId }))).then(() => undefined),
    async extendTake(shotId, jobId) {
      const next = await change((board) => unwrap(api().boards.extendTake({ id: board.id, shotId, jobId })));
      const index = next?.shots.findIndex((shot) => shot.id === shotId) ?? -1;
      const added = next?.shots[index + 1];
      if (added) set({ selectedShotId: added.id });
    },
    setFirstFrame: (shotId, image) =>
      change((board) => unwrap(api().boards.setShotImage({ id: board.id, shotId, role: 'first', image }))).then(
        () => undefined,
      ),
    async pickFirstFrame(shotId) {
      try {
        const picked = await unwrap(api().images.pick());
        if (picked) await get().setFirstFrame(shotId, picked.image);
      } catch (error) {
        fail(error);
      }
    },
    async continueFrom(shotId, on) {
      const board = get().board;
      const index = board?.shots.findIndex((shot) => shot.id === shotId) ?? -1;
      const previous = board?.shots[index - 1];
      if (!board || !previous) return;
      get().editShot(shotId, { continueFromPrevious: on });
      if (!on) return;
      const take = chosenTake(previous);
      const item = take ? get().takeItems.get(take.itemId) : undefined;
      if (!item) return;
      set({ grabbing: shotId });
      try {
        const dataUrl = await lastFrameOf(item.videoUrl);
        const { image } = await unwrap(api().images.importData({ dataUrl }));
        await get().setFirstFrame(shotId, image);
      } catch (error) {
        fail(error);
      } finally {
        set({ grabbing: null });
      }
    },
    async askGenerate(scope) {
      const board = get().board;
      if (!board) return;
      try {
        await flush();
        set({ pending: { scope, plan: await unwrap(api().boards.plan({ id: board.id, scope })) } });
      } catch (error) {
        fail(error);
      }
    },
    async confirmGenerate() {
      const ask = get().pending;
      set({ pending: null });
      if (!ask) return;
      const jobs = await change(async (board) => {
        await unwrap(api().boards.generate({ id: board.id, scope: ask.scope }));
        return unwrap(api().boards.get({ id: board.id }));
      });
      if (jobs)
        useNoticesStore.getState().notify({
          text: { message: { key: 'boards.queued', params: { count: ask.plan.shots.length } } },
          testId: 'board-notice',
        });
    },
    cancelGenerate: () => set({ pending: null }),
    async exportFilm() {
      const board = get().board;
      if (!board) return null;
      // Voice-over, music, volumes and trims are mixed and cut in the window; a film of takes as filed is joined in main.
      if (needsWindowExport(board)) {
        await flush();
        return windowExport(get().board ?? board, trimsTakes(board));
      }
      set({ exportProgress: 0 });
      let item: LibraryItem | null = null;
      const failure = await failureOf(async () => {
        await flush();
        item = await unwrap(api().boards.export({ id: board.id }));
        exported(item);
      });
      set({ exportProgress: null });
      if (failure?.code === 'needsEncode')
        set({ encodeOffer: String(failure.text?.params['reason'] ?? failure.message) });
      else if (failure && failure.code !== 'cancelled')
        useNoticesStore.getState().notify({ text: { error: failure }, testId: 'board-notice' });
      return item;
    },
    burnOpen: false,
    setBurnOpen: (open) => set({ burnOpen: open }),
    async exportBurned(style) {
      set({ burnOpen: false });
      const board = await get().apply((current) => unwrap(api().boards.setSubtitleStyle({ id: current.id, style })));
      return board ? windowExport(board, true, true) : null;
    },
    encodeFilm: () => {
      const board = get().board;
      return board ? windowExport(board, true) : Promise.resolve(null);
    },
    dismissEncodeOffer: () => set({ encodeOffer: null }),
    async cancelExport() {
      const board = get().board;
      if (encoding) return encoding.abort(new Error('cancelled'));
      if (board) await unwrap(api().boards.cancelExport({ id: board.id })).catch(fail);
    },
    receiveItem(item) {
      const ours = get().board?.shots.some((shot) => shot.takes.some((take) => take.itemId === item.id));
      if (!ours && !get().takeItems.has(item.id)) return;
      set({ takeItems: new Map(get().takeItems).set(item.id, item) });
    },
    receiveProgress(id, fraction) {
      if (get().board?.id === id && get().exportProgress !== null) set({ exportProgress: fraction });
    },
  };
});

/** A shot as it shows with a patch before the main process answers (crops are applied there). */
function shownPatched(shot: Shot, patch: ShotPatch): Shot {
  const { crop: _crop, voiceOver, ...rest } = patch;
  const given = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  return { ...shot, ...given, ...(voiceOver === undefined ? {} : { voiceOver: withLine(shot, voiceOver) }) };
}
