import { applyCommonOptions, type RequestIssue } from '../catalog/generation-request';
import { findModel, imageSlotsOf, paramFor } from '../catalog/model-lookup';
import type { ImageRole, ModelCatalog, Params } from '../catalog/video-model';
import { SNAPSHOT_CATALOG } from '../catalog/model-catalog';
import { summarizeRequest } from '../catalog/request-summary';
import type { GenerationParams } from './draft-models';

/** A draft's workbench fields as the model's own params, or why they do not fit it. */
export type DraftParamsResult =
  { readonly ok: true; readonly params: Params } | { readonly ok: false; readonly issues: readonly RequestIssue[] };

/**
 * The workbench's duration, shape and resolution put into whatever fields the draft's model uses. A field the model
 * does not have is left out (Sora 2 has no resolution choice; a model that follows the image has no shape), never
 * guessed; a value the model does not offer is refused with the model's own choices.
 */
export function draftParams(catalog: ModelCatalog, fields: GenerationParams): DraftParamsResult {
  const model = findModel(catalog, fields.model);
  if (!model)
    return {
      ok: false,
      issues: [{ field: 'model', message: `"${fields.model}" is not a video model Reelbench knows.` }],
    };
  const { params, issues } = applyCommonOptions(
    model,
    {},
    {
      ...(paramFor(model, 'duration') ? { duration: fields.duration } : {}),
      ...(paramFor(model, 'aspect') ? { aspect: fields.aspect } : {}),
      ...(paramFor(model, 'resolution') ? { resolution: fields.resolution } : {}),
    },
  );
  return issues.length > 0 ? { ok: false, issues } : { ok: true, params };
}

/** The role a draft's one image takes for its model: the first frame, or a reference where there is no first frame. */
export function draftImageRole(catalog: ModelCatalog, modelId: string): ImageRole {
  const model = findModel(catalog, modelId);
  if (!model) return 'first';
  const slots = imageSlotsOf(model);
  return slots.first > 0 ? 'first' : slots.reference > 0 ? 'reference' : 'first';
}

/** A request's params back as the workbench's fields ("reuse settings"), through the model's own field names. */
export function workbenchFields(modelId: string, params: Params): Partial<GenerationParams> & { model: string } {
  const summary = summarizeRequest(SNAPSHOT_CATALOG, modelId, params);
  return {
    model: modelId,
    ...(summary.seconds === null ? {} : { duration: summary.seconds }),
    ...(summary.aspect === null ? {} : { aspect: summary.aspect }),
    ...(summary.resolution === null ? {} : { resolution: summary.resolution }),
  };
}
