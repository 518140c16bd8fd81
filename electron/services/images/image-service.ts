import type { Frame, ModelCatalog } from '../../../shared/catalog/catalog-schema';
import { findModel, outputFrame } from '../../../shared/catalog/catalog-lookup';
import { MODEL_CATALOG } from '../../../shared/catalog/model-catalog';
import type { ImageInspection, PreparedImage, PrepareOptions } from '../../../shared/images/image-models';
import type { HashMemo } from './content-hash';
import { imageErrors } from './image-errors';
import { DEFAULT_LIMITS, type SourceLimits } from './image-source';
import { inspectImage, previewDataUrl } from './inspect-image';
import { prepareImage } from './prepare-image';

/** Reference image preparation as the app, the IPC layer and the CLI use it. */
export interface ImageService {
  inspect(file: string, target?: Pick<PrepareOptions, 'model' | 'resolution' | 'aspect'>): Promise<ImageInspection>;
  prepare(file: string, options: PrepareOptions): Promise<PreparedImage>;
  /** A small WebP data: URL of an image (for the prepared crop, after `prepare`). */
  preview(file: string): Promise<string>;
}

/** Where prepared images go and the limits that apply. */
export interface ImageServiceDeps {
  readonly cacheDir: string;
  readonly catalog?: ModelCatalog;
  readonly limits?: SourceLimits;
  /** Largest prepared file; the catalog's image limit (10 MB) unless a test sets less. */
  readonly budgetBytes?: number;
}

/** The exact frame for a model, resolution and aspect, per the catalog. */
export function frameForTarget(
  catalog: ModelCatalog,
  target: Pick<PrepareOptions, 'model' | 'resolution' | 'aspect'>,
): Frame {
  const model = findModel(catalog, target.model);
  const frame = model && outputFrame(model, target.resolution ?? model.defaultResolution, target.aspect);
  if (!frame) throw imageErrors.unknownFrame(target.model, target.resolution);
  return frame;
}

/** Creates the image service. */
export function createImageService(deps: ImageServiceDeps): ImageService {
  const catalog = deps.catalog ?? MODEL_CATALOG;
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const budgetBytes = deps.budgetBytes ?? catalog.image.maxBytes;
  const hashes: HashMemo = new Map();
  return {
    inspect: async (file, target) =>
      inspectImage(file, target ? frameForTarget(catalog, target) : null, budgetBytes, limits),
    prepare: async (file, options) =>
      prepareImage({
        file,
        frame: frameForTarget(catalog, options),
        crop: options.crop,
        format: options.format ?? 'jpeg',
        background: options.background ?? '#000000',
        budgetBytes,
        cacheDir: deps.cacheDir,
        limits,
        hashes,
      }),
    preview: (file) => previewDataUrl(file, limits),
  };
}
