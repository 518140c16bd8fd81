import type { LiveSchema } from '../../../shared/catalog/build-model';
import { mergeCatalog } from '../../../shared/catalog/model-catalog';
import { findModel } from '../../../shared/catalog/model-lookup';
import { SNAPSHOT_MODELS } from '../../../shared/catalog/snapshot';
import type { ModelCatalog, VideoModel } from '../../../shared/catalog/video-model';
import { AppError } from '../../../shared/errors';
import type { ApimartClient } from '../apimart/apimart-client';
import { apiErrors } from '../apimart/api-error';
import type { Logger } from '../logging/logger';
import { emptyCache, readModelCache, writeModelCache, type ModelCache } from './model-cache';
import { mayBeVideoModel } from './video-candidates';

/** How long a listing or a schema read from APIMart is trusted before it is read again. */
const SCHEMA_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** What a refresh did: how many requests, what it learnt, and whether APIMart could be reached at all. */
export interface RefreshReport {
  readonly requests: number;
  readonly listed: number;
  readonly candidates: number;
  readonly schemasRead: number;
  readonly notVideo: number;
  readonly unavailable: readonly string[];
  /** Why APIMart could not be asked (offline, no key), or null when it was. */
  readonly unreachable: AppError | null;
}

/** The model catalog: the shipped snapshot, APIMart's live schemas (cached for a day) and the user's prices, merged. */
export interface ModelCatalogService {
  /** Reads what earlier runs learnt (`models.json`); until then the catalog is the snapshot alone. */
  load(): Promise<void>;
  /** The merged catalog as it is now. */
  current(): ModelCatalog;
  /** Reads the listing and the schemas of the ids that may be video models: only what is older than a day, unless forced. */
  refresh(options?: { readonly force?: boolean; readonly signal?: AbortSignal }): Promise<RefreshReport>;
  /** The model, its schema read first when older than a day (an id the user typed is asked for whatever it looks like). */
  ensure(modelId: string, options?: { readonly signal?: AbortSignal }): Promise<VideoModel | undefined>;
  /** APIMart answered `model_not_found`: the model is not suggested or retried any more (until a schema read says otherwise). */
  markUnavailable(modelId: string): Promise<void>;
}

/** What the catalog service is built from. */
export interface ModelCatalogDeps {
  readonly client: () => Pick<ApimartClient, 'listModels' | 'getModelSchema'>;
  /** `models.json` in the data folder. */
  readonly cacheFile: string;
  /** The user's prices per second, by model id. */
  readonly prices: () => Readonly<Record<string, number>>;
  readonly now?: () => number;
  readonly logger?: Logger;
  /** Told the merged catalog whenever what APIMart said changes it (the window follows). */
  readonly onChange?: (catalog: ModelCatalog) => void;
  /** Schema requests at once (a few: a listing of hundreds must not become hundreds of requests in flight). */
  readonly concurrency?: number;
}

const SHIPPED = new Set(SNAPSHOT_MODELS.map((model) => model.id));

/** Whether an error means APIMart could not be asked at all (no network, no key, rate limited), not an answer about this model. */
const isUnreachable = (error: unknown) =>
  error instanceof AppError &&
  ['network', 'timeout', 'noKey', 'auth', 'insufficientBalance', 'rateLimited', 'server', 'cancelled'].includes(
    error.code,
  );

/** Runs `work` over `items`, `limit` at a time, stopping early when `stop()` turns true. */
async function inBatches<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, stop: () => boolean) {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stop()) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, lane));
}

/** Creates the catalog service. */
export function createModelCatalogService(deps: ModelCatalogDeps): ModelCatalogService {
  const now = deps.now ?? Date.now;
  let cache: ModelCache = emptyCache();
  let merged: ModelCatalog | null = null;
  let lastPrices: Readonly<Record<string, number>> | null = null;
  const fresh = (at: string | undefined) => at !== undefined && now() - Date.parse(at) < SCHEMA_MAX_AGE_MS;

  const rebuild = () => {
    const live = new Map<string, LiveSchema>(Object.entries(cache.schemas));
    lastPrices = deps.prices();
    merged = mergeCatalog({
      snapshot: SNAPSHOT_MODELS,
      live,
      listed: cache.listing ? new Set(cache.listing.ids) : null,
      unavailable: new Set(Object.keys(cache.unavailable)),
      prices: lastPrices,
    });
    return merged;
  };

  /** Keeps what another process wrote meanwhile: entries are merged, the newest of each kept. */
  const save = async () => {
    const onDisk = await readModelCache(deps.cacheFile);
    const newest = <V>(ours: Record<string, V>, theirs: Record<string, V>, at: (value: V) => string) => {
      const result = { ...theirs };
      for (const [id, value] of Object.entries(ours)) {
        const other = result[id];
        if (other === undefined || at(value) >= at(other)) result[id] = value;
      }
      return result;
    };
    cache = {
      listing:
        onDisk.listing && (!cache.listing || onDisk.listing.readAt > cache.listing.readAt)
          ? onDisk.listing
          : cache.listing,
      schemas: newest(cache.schemas, onDisk.schemas, (entry) => entry.checkedAt),
      notVideo: newest(cache.notVideo, onDisk.notVideo, (at) => at),
      unavailable: newest(cache.unavailable, onDisk.unavailable, (at) => at),
    };
    // A model read successfully after it was marked unavailable is offered again.
    for (const [id, at] of Object.entries(cache.unavailable)) {
      const schema = cache.schemas[id];
      if (schema && schema.checkedAt > at) delete cache.unavailable[id];
    }
    await writeModelCache(deps.cacheFile, cache).catch((error: unknown) =>
      deps.logger?.warn('models: could not save models.json', { error: String(error) }),
    );
    deps.onChange?.(rebuild());
  };

  /** Asks for one schema and records what the answer means. Throws only when APIMart could not be asked. */
  const readSchema = async (id: string, signal: AbortSignal | undefined): Promise<'read' | 'notVideo' | 'gone'> => {
    const at = new Date(now()).toISOString();
    try {
      const schema = await deps.client().getModelSchema(id, signal ? { signal } : {});
      cache.schemas[id] = { schema, checkedAt: at };
      delete cache.notVideo[id];
      return 'read';
    } catch (error) {
      if (isUnreachable(error)) throw error;
      if (error instanceof AppError && error.code === 'unknownModel') {
        delete cache.schemas[id];
        cache.unavailable[id] = at;
        return 'gone';
      }
      // Any other refusal: the id has no video operation (a chat or image model), or an answer we cannot use.
      deps.logger?.info('models: no video schema', {
        model: id,
        code: error instanceof AppError ? error.code : 'other',
      });
      delete cache.schemas[id];
      cache.notVideo[id] = at;
      return 'notVideo';
    }
  };

  return {
    async load() {
      cache = await readModelCache(deps.cacheFile);
      rebuild();
    },

    current() {
      return merged && lastPrices === deps.prices() ? merged : rebuild();
    },

    async refresh(options = {}) {
      let requests = 0;
      let listed = 0;
      let schemasRead = 0;
      let notVideo = 0;
      const unavailable: string[] = [];
      let unreachable: AppError | null = null;
      const report = (candidates: number): RefreshReport => ({
        requests,
        listed,
        candidates,
        schemasRead,
        notVideo,
        unavailable,
        unreachable,
      });
      const signal = options.signal;
      if (options.force || !fresh(cache.listing?.readAt)) {
        try {
          requests += 1;
          const models = await deps.client().listModels(signal ? { signal } : {});
          listed = models.length;
          cache.listing = {
            ids: models.filter((model) => mayBeVideoModel(model, SHIPPED)).map((model) => model.id),
            readAt: new Date(now()).toISOString(),
          };
        } catch (error) {
          unreachable = error instanceof AppError ? error : apiErrors.network(String(error));
          return report(0);
        }
      }
      const candidates = cache.listing?.ids ?? [];
      const due = candidates.filter(
        (id) => options.force || (!fresh(cache.schemas[id]?.checkedAt) && !fresh(cache.notVideo[id])),
      );
      await inBatches(
        due,
        deps.concurrency ?? 3,
        async (id) => {
          requests += 1;
          try {
            const outcome = await readSchema(id, signal);
            if (outcome === 'read') schemasRead += 1;
            else if (outcome === 'notVideo') notVideo += 1;
            else unavailable.push(id);
          } catch (error) {
            unreachable ??= error instanceof AppError ? error : apiErrors.network(String(error));
          }
        },
        () => unreachable !== null,
      );
      if (requests > 0) await save();
      return report(candidates.length);
    },

    async ensure(modelId, options = {}) {
      if (!fresh(cache.schemas[modelId]?.checkedAt) && !fresh(cache.unavailable[modelId])) {
        try {
          await readSchema(modelId, options.signal);
          await save();
        } catch (error) {
          deps.logger?.info('models: schema not read, the snapshot stands', { model: modelId, error: String(error) });
        }
      }
      return findModel(this.current(), modelId);
    },

    async markUnavailable(modelId) {
      cache.unavailable[modelId] = new Date(now()).toISOString();
      delete cache.schemas[modelId];
      await save();
    },
  };
}
