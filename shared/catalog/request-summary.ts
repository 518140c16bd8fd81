import { findModel, secondsOf, valueFor } from './model-lookup';
import type { ModelCatalog, Params } from './video-model';

/** A request's length, shape and resolution, whatever fields its model uses: what a queue row and the library show. */
export interface RequestSummary {
  readonly seconds: number | null;
  readonly aspect: string | null;
  readonly resolution: string | null;
}

/** The summary of `params` for `modelId`; a model the catalog does not know reads Sora's field names. */
export function summarizeRequest(catalog: ModelCatalog, modelId: string, params: Params): RequestSummary {
  const model = findModel(catalog, modelId);
  if (!model) {
    const duration = params['duration'];
    return {
      seconds: typeof duration === 'number' ? duration : null,
      aspect: typeof params['aspect_ratio'] === 'string' ? params['aspect_ratio'] : null,
      resolution: typeof params['resolution'] === 'string' ? params['resolution'] : null,
    };
  }
  const text = (value: unknown) => (value === undefined ? null : String(value));
  return {
    seconds: secondsOf(model, params),
    aspect: text(valueFor(model, params, 'aspect')),
    resolution: text(valueFor(model, params, 'resolution')),
  };
}
