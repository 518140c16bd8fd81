import { buildModel, withUserPrice, type LiveSchema } from './build-model';
import { SNAPSHOT_MODELS, PREFERRED_DEFAULTS, type SnapshotModel } from './snapshot';
import { modelCatalogSchema, type ModelCatalog, type ModelState, type VideoModel } from './video-model';

/** What the catalog is merged from: the shipped snapshot, what APIMart said today, and the user's prices. */
export interface CatalogLayers {
  readonly snapshot: readonly SnapshotModel[];
  /** Live schemas by model id (read within the day, or kept from an earlier day when APIMart cannot be reached). */
  readonly live: ReadonlyMap<string, LiveSchema>;
  /** Ids APIMart's own listing named (null when the listing has never been read). */
  readonly listed: ReadonlySet<string> | null;
  /** Models APIMart answered `model_not_found` for. */
  readonly unavailable: ReadonlySet<string>;
  /** The user's price per second, by model id. */
  readonly prices: Readonly<Record<string, number>>;
}

function stateOf(id: string, layers: CatalogLayers): ModelState {
  if (layers.unavailable.has(id)) return 'unavailable';
  return layers.live.has(id) ? 'confirmed' : 'unconfirmed';
}

/**
 * The merged catalog. Live allowed values win over the snapshot; a shipped model whose schema could not be read is
 * kept, not confirmed; a shipped model APIMart's listing no longer names is kept unconfirmed too (a listing can lag),
 * and only `model_not_found` marks one unavailable. Models only the live layer knows follow the shipped ones.
 */
export function mergeCatalog(layers: CatalogLayers): ModelCatalog {
  const shipped = new Set(layers.snapshot.map((model) => model.id));
  const models: VideoModel[] = [
    ...layers.snapshot.map((snapshot) =>
      buildModel(snapshot.id, snapshot, layers.live.get(snapshot.id), stateOf(snapshot.id, layers)),
    ),
    ...[...layers.live.keys()]
      .filter((id) => !shipped.has(id))
      .sort()
      .map((id) => buildModel(id, undefined, layers.live.get(id), stateOf(id, layers))),
  ].map((model) => withUserPrice(model, layers.prices[model.id]));
  return { models, prompt: { maxLength: 10_000 }, imageFormats: ['jpeg', 'png', 'webp'] };
}

/** The catalog from the shipped snapshot alone: what works offline, on first start, and in the CLI without a key. */
export const SNAPSHOT_CATALOG: ModelCatalog = modelCatalogSchema.parse(
  mergeCatalog({ snapshot: SNAPSHOT_MODELS, live: new Map(), listed: null, unavailable: new Set(), prices: {} }),
);

/** The default model: the last one used while it is still offered, else the first available of a short list. */
export function defaultModelId(catalog: ModelCatalog, lastUsed: string | null): string {
  const offered = (id: string | null) =>
    id !== null && catalog.models.some((model) => model.id === id && model.state !== 'unavailable');
  if (offered(lastUsed)) return lastUsed as string;
  const preferred = PREFERRED_DEFAULTS.find(offered);
  return preferred ?? catalog.models.find((model) => model.state !== 'unavailable')?.id ?? PREFERRED_DEFAULTS[0]!;
}
