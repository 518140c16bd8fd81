import { findModel, imageTargetOf } from '../../../shared/catalog/model-lookup';
import { SNAPSHOT_CATALOG } from '../../../shared/catalog/model-catalog';
import type { Frame, ModelCatalog } from '../../../shared/catalog/video-model';
import type {
  ImageInspection,
  ImageTargetInput,
  PreparedImage,
  PrepareOptions,
} from '../../../shared/images/image-models';
import { frameForTarget } from '../../../shared/images/target-frame';
import type { HashMemo } from './content-hash';
import { imageErrors } from './image-errors';
import { DEFAULT_LIMITS, type SourceLimits } from './image-source';
import { inspectImage, previewDataUrl } from './inspect-image';
import { prepareImage } from './prepare-image';

/** Image preparation as the app, the IPC layer and the CLI use it. */
export interface ImageService {
  inspect(file: string, target?: ImageTargetInput): Promise<ImageInspection>;
  prepare(file: string, options: PrepareOptions): Promise<PreparedImage>;
  /** A small WebP data: URL of an image (for the prepared crop, after `prepare`). */
  preview(file: string): Promise<string>;
}

/** Where prepared images go and the limits that apply. */
export interface ImageServiceDeps {
  readonly cacheDir: string;
  /** The model catalog as it is now (live schemas may change a model's shapes). */
  readonly catalog?: () => ModelCatalog;
  readonly limits?: SourceLimits;
  /** Largest prepared file; the model's image limit (10 MB unless known otherwise) unless a test sets less. */
  readonly budgetBytes?: number;
}

/** The frame for a model and its parameters, as a function of the source's size (see {@link frameForTarget}). */
function targetOf(catalog: ModelCatalog, target: ImageTargetInput) {
  const model = findModel(catalog, target.model);
  if (!model) throw imageErrors.unknownFrame(target.model);
  const imageTarget = imageTargetOf(model, target.params ?? {});
  return { model, frameFor: (source: Frame) => frameForTarget(imageTarget, source) };
}

/** Creates the image service. */
export function createImageService(deps: ImageServiceDeps): ImageService {
  const catalog = deps.catalog ?? (() => SNAPSHOT_CATALOG);
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const hashes: HashMemo = new Map();
  const budgetFor = (imageMaxBytes: number) => Math.min(deps.budgetBytes ?? imageMaxBytes, imageMaxBytes);
  return {
    inspect: async (file, target) => {
      if (!target) return inspectImage(file, null, budgetFor(10 * 1024 * 1024), limits);
      const { model, frameFor } = targetOf(catalog(), target);
      return inspectImage(file, frameFor, budgetFor(model.imageMaxBytes), limits);
    },
    prepare: async (file, options) => {
      const { model, frameFor } = targetOf(catalog(), options);
      return prepareImage({
        file,
        frameFor,
        crop: options.crop,
        format: options.format ?? 'jpeg',
        background: options.background ?? '#000000',
        budgetBytes: budgetFor(model.imageMaxBytes),
        cacheDir: deps.cacheDir,
        limits,
        hashes,
      });
    },
    preview: (file) => previewDataUrl(file, limits),
  };
}
