import { applyCommonOptions } from './generation-request';
import { SNAPSHOT_CATALOG } from './model-catalog';
import { findModel } from './model-lookup';
import type { Params } from './video-model';

/** The fields every request had before requests were `{ model, params }` (Sora's). */
export interface LegacyFields {
  readonly duration?: unknown;
  readonly aspect?: unknown;
  readonly resolution?: unknown;
}

/**
 * Sora-era `duration`, `aspect` and `resolution` as the model's own params (`aspect_ratio: landscape`; no
 * `resolution` for the standard model, which never sent one), so drafts, jobs and sidecars written before keep
 * working. A model the snapshot does not know gets Sora's field names.
 */
export function legacyParams(modelId: string, fields: LegacyFields): Params {
  const duration = typeof fields.duration === 'number' ? fields.duration : undefined;
  const aspect = typeof fields.aspect === 'string' ? fields.aspect : undefined;
  const resolution = typeof fields.resolution === 'string' ? fields.resolution : undefined;
  const model = findModel(SNAPSHOT_CATALOG, modelId);
  if (!model) {
    return {
      ...(duration === undefined ? {} : { duration }),
      ...(aspect === undefined ? {} : { aspect_ratio: aspect }),
      ...(resolution === undefined || resolution === 'standard' ? {} : { resolution }),
    };
  }
  // What no longer fits (the standard model's implicit "standard" resolution) is left out, as it was never sent.
  const fitting = (options: { duration?: number; aspect?: string; resolution?: string }) =>
    applyCommonOptions(model, {}, options).issues.length === 0 ? options : {};
  return applyCommonOptions(
    model,
    {},
    {
      ...fitting(duration === undefined ? {} : { duration }),
      ...fitting(aspect === undefined ? {} : { aspect }),
      ...fitting(resolution === undefined ? {} : { resolution }),
    },
  ).params;
}
