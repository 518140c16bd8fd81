import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors';
import {
  REMOVAL_UNDO_MS,
  type LibraryItem,
  type LibraryItemEvent,
  type LibraryProblem,
} from '../../../shared/library/library-models';
import { api, failureOf, unwrap } from '../../lib/bridge';
import { useNoticesStore } from '../../lib/notices-store';

/** Search, sort and filters of the library view. */
export interface LibraryQueryState {
  readonly search: string;
  readonly sort: 'newest' | 'oldest' | 'duration' | 'title' | 'relevance';
  readonly favorites: boolean;
}

const PAGE = 120;

/** The library as the grid sees it: a total, pages fetched as they scroll into view, and the open item. */
export interface LibraryStore {
  readonly query: LibraryQueryState;
  readonly total: number;
  readonly items: ReadonlyMap<number, LibraryItem>;
  readonly selected: LibraryItem | null;
  readonly error: AppErrorData | null;
  /** Bumped on every reload, so late answers for an old query are dropped. */
  readonly generation: number;
  setQuery(patch: Partial<LibraryQueryState>): void;
  reload(): Promise<void>;
  /**
   * Reads again the pages already loaded (the library changed) and swaps them in together: the cards in view keep
   * their content and the grid its scroll position, instead of starting over from an empty first page.
   */
  refresh(): Promise<void>;
  ensureRange(start: number, end: number): Promise<void>;
  /**
   * One of the library's own changes: a changed item is patched where it is (then the loaded pages are read again
   * if the change can move it, under a search, a filter or title order); an added or removed one shifts positions,
   * so the loaded pages are read again, keeping the scroll position.
   */
  receive(event: LibraryItemEvent): void;
  select(item: LibraryItem | null): void;
  /** Re-reads one item (after its poster was captured, say) without reloading the grid. */
  refreshItem(id: string): Promise<void>;
  update(
    id: string,
    patch: Partial<Pick<LibraryItem, 'title' | 'favorite' | 'rating' | 'tags' | 'notes'>>,
  ): Promise<void>;
  /** Moves a video to the trash, with an Undo notice for as long as the main process can bring it back. */
  remove(item: LibraryItem): Promise<void>;
  /** What the library could not index or had to repair, as it last said. */
  readonly problems: readonly LibraryProblem[];
  loadProblems(): Promise<void>;
  /** Hands a video to the OS drag under way (the shell starts it with the file itself). */
  startDrag(id: string): void;
  /** Opens a video by id beside the grid (the queue's "Show in library"); nothing when it is gone since. */
  openItem(id: string | null): Promise<void>;
  reveal(id: string): Promise<void>;
  exportItems(ids: readonly string[]): Promise<void>;
  /** Makes a new draft from a video's settings; true when it did. */
  reuse(id: string): Promise<boolean>;
  undoRemove(id: string): Promise<void>;
}

/** The library store. */
export const useLibraryStore = create<LibraryStore>()((set, get) => {
  const loading = new Set<number>();
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** A burst of events (a batch filed at once) reads the pages once. */
  const refreshSoon = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void get().refresh(), 50);
  };
  /** One page of the current query. */
  function fetchPage(page: number) {
    const { search, sort, favorites } = get().query;
    return unwrap(
      api().library.list({
        ...(search.trim() ? { search } : {}),
        sort: search.trim() ? 'relevance' : sort === 'relevance' ? 'newest' : sort,
        ...(favorites ? { favorites } : {}),
        offset: page * PAGE,
        limit: PAGE,
      }),
    );
  }
  async function loadPage(page: number): Promise<void> {
    const generation = get().generation;
    if (loading.has(page)) return;
    loading.add(page);
    const error = await failureOf(async () => {
      const result = await fetchPage(page);
      if (get().generation !== generation) return;
      const items = new Map(get().items);
      result.items.forEach((item, index) => items.set(page * PAGE + index, item));
      set({ items, total: result.total });
    });
    loading.delete(page);
    // A page asked for before the list was read again tells nothing about the list now shown.
    if (get().generation === generation) set({ error });
  }
  return {
    query: { search: '', sort: 'newest', favorites: false },
    total: 0,
    items: new Map(),
    selected: null,
    error: null,
    generation: 0,
    async remove(item) {
      const error = await failureOf(async () => {
        await unwrap(api().library.remove({ ids: [item.id] }));
        set({ selected: get().selected?.id === item.id ? null : get().selected });
        useNoticesStore.getState().notify({
          text: { message: { key: 'library.removed', params: { title: item.title } } },
          undo: () => get().undoRemove(item.id),
          // A little shorter than the main process's window, so an Undo offered is an Undo that works.
          durationMs: REMOVAL_UNDO_MS - 1_000,
          testId: 'library-removed',
          undoTestId: 'library-undo-remove',
        });
        await get().refresh();
      });
      set({ error });
    },
    problems: [],
    async loadProblems() {
      set({ problems: await unwrap(api().library.problems()).catch(() => []) });
    },
    startDrag(id) {
      api()
        .library.startDrag({ id })
        .catch(() => undefined);
    },
    async openItem(id) {
      const item = id ? await unwrap(api().library.get({ id })).catch(() => null) : null;
      if (item) get().select(item);
    },
    async reveal(id) {
      await unwrap(api().library.reveal({ id })).catch(useNoticesStore.getState().fail);
    },
    async exportItems(ids) {
      await unwrap(api().library.export({ ids: [...ids] })).catch(useNoticesStore.getState().fail);
    },
    async reuse(id) {
      try {
        const settings = await unwrap(api().library.reuse({ id }));
        const { prompt, model, params } = settings;
        await unwrap(api().drafts.create({ prompt, model, params }));
        return true;
      } catch (error) {
        useNoticesStore.getState().fail(error);
        return false;
      }
    },
    async undoRemove(id) {
      const error = await failureOf(async () => {
        await unwrap(api().library.undoRemove({ ids: [id] }));
        await get().refresh();
        set({ selected: await unwrap(api().library.get({ id })) });
      });
      set({ error });
    },
    setQuery(patch) {
      set({ query: { ...get().query, ...patch } });
      void get().reload();
    },
    async refresh() {
      const pages = [...new Set([...get().items.keys()].map((index) => Math.floor(index / PAGE)))];
      if (pages.length === 0) pages.push(0);
      loading.clear();
      const generation = get().generation + 1;
      set({ generation });
      const error = await failureOf(async () => {
        const results = await Promise.all(pages.map(async (page) => ({ page, result: await fetchPage(page) })));
        if (get().generation !== generation) return;
        const items = new Map<number, LibraryItem>();
        for (const { page, result } of results)
          result.items.forEach((item, index) => items.set(page * PAGE + index, item));
        const selected = get().selected;
        const fresh = selected ? [...items.values()].find((item) => item.id === selected.id) : undefined;
        set({ items, total: results[0]?.result.total ?? 0, ...(fresh ? { selected: fresh } : {}) });
      });
      if (get().generation === generation) set({ error });
    },
    async reload() {
      loading.clear();
      set({ items: new Map(), generation: get().generation + 1 });
      await loadPage(0);
    },
    async ensureRange(start, end) {
      const pages = new Set<number>();
      for (let index = Math.max(0, start); index <= end; index += 1)
        if (!get().items.has(index)) pages.add(Math.floor(index / PAGE));
      await Promise.all([...pages].map(loadPage));
    },
    select: (item) => set({ selected: item }),
    receive(event) {
      if (event.kind !== 'changed') return refreshSoon();
      const { item } = event;
      const items = new Map(get().items);
      for (const [index, loaded] of items) if (loaded.id === item.id) items.set(index, item);
      set({ items, selected: get().selected?.id === item.id ? item : get().selected });
      const { search, favorites, sort } = get().query;
      if (search.trim() !== '' || favorites || sort === 'title') refreshSoon();
    },
    async refreshItem(id) {
      const index = [...get().items].find(([, item]) => item.id === id)?.[0];
      if (index === undefined) return;
      try {
        const fresh = await unwrap(api().library.get({ id }));
        const items = new Map(get().items);
        items.set(index, fresh);
        set({ items, selected: get().selected?.id === id ? fresh : get().selected });
      } catch {
        // Gone meanwhile: the next change event reloads the list.
      }
    },
    async update(id, patch) {
      const error = await failureOf(async () => {
        const updated = await unwrap(
          api().library.update({ id, patch: { ...patch, ...(patch.rating === null ? { rating: null } : {}) } }),
        );
        const items = new Map(get().items);
        for (const [index, item] of items) if (item.id === id) items.set(index, updated);
        set({ items, selected: get().selected?.id === id ? updated : get().selected });
      });
      set({ error });
    },
  };
});
