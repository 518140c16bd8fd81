import { create } from 'zustand';
import { SNAPSHOT_CATALOG } from '../../../shared/catalog/model-catalog';
import type { ModelCatalog } from '../../../shared/catalog/video-model';
import { api, unwrap } from '../../lib/bridge';

/** The model catalog as the main process merged it (snapshot, APIMart's live schemas, the user's prices). */
export interface ModelsStore {
  /** The shipped snapshot until the main process answers, so the workbench never waits for it. */
  readonly catalog: ModelCatalog;
  readonly refreshing: boolean;
  load(): Promise<void>;
  /** Asks APIMart (at most once a day) — when the picker opens; the answer arrives as `models.changed` too. */
  refresh(): Promise<void>;
  receive(catalog: ModelCatalog): void;
}

/** The models store. */
export const useModelsStore = create<ModelsStore>()((set, get) => ({
  catalog: SNAPSHOT_CATALOG,
  refreshing: false,
  async load() {
    try {
      set({ catalog: await unwrap(api().models.catalog()) });
    } catch {
      // The snapshot stands: the catalog is never a reason for the workbench not to work.
    }
  },
  async refresh() {
    if (get().refreshing) return;
    set({ refreshing: true });
    try {
      set({ catalog: (await unwrap(api().models.refresh({}))).catalog });
    } catch {
      // Offline or without a key: what is known stays, marked "not confirmed".
    } finally {
      set({ refreshing: false });
    }
  },
  receive: (catalog) => set({ catalog }),
}));
