import type { Aspect, Frame, ModelCatalog, Resolution, VideoModel } from './catalog-schema';

/** The model with this id, if the catalog has it. */
export function findModel(catalog: ModelCatalog, modelId: string): VideoModel | undefined {
  return catalog.models.find((model) => model.id === modelId);
}

/** `16:9` → `landscape`; unknown spellings (including `1:1`) → undefined. */
export function normalizeAspect(catalog: ModelCatalog, value: string): Aspect | undefined {
  return catalog.aspectAliases[value.trim().toLowerCase()];
}

/** The resolution entry of a model, if it offers it. */
export function findResolution(model: VideoModel, resolutionId: string): Resolution | undefined {
  return model.resolutions.find((resolution) => resolution.id === resolutionId);
}

/** The exact frame a model produces for a resolution and aspect (what reference images are cropped to). */
export function outputFrame(model: VideoModel, resolutionId: string, aspect: Aspect): Frame | undefined {
  return findResolution(model, resolutionId)?.frames[aspect];
}
