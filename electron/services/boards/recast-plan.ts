import { validateGeneration } from '../../../shared/catalog/generation-request';
import { findModel, secondsOf } from '../../../shared/catalog/model-lookup';
import type { ModelCatalog } from '../../../shared/catalog/video-model';
import type { Shot, Storyboard } from '../../../shared/boards/board-models';
import type { RecastPlan, RecastRequest, RecastRow, RecastTarget } from '../../../shared/boards/recast-models';
import { compileIntent, withCamera } from '../../../shared/intent/compile-intent';
import type { IntentChange, ResolutionClass } from '../../../shared/intent/intent-models';
import { readIntent } from '../../../shared/intent/read-intent';
import { costOf, sumMoney } from '../../../shared/text/money';
import { sentShot } from './board-plan';

/** The model a target puts a shot on (a shot the per-shot table leaves out stays where it is). */
export const targetModelOf = (target: RecastTarget, shot: Shot): string =>
  'model' in target ? target.model : (target.perShot[shot.id] ?? shot.model);

/** The sharpness a target asks every shot for, if it names one. */
export const targetResolutionOf = (target: RecastTarget): ResolutionClass | undefined =>
  'model' in target ? target.resolution : undefined;

/**
 * The shot on another model: its intent (length, shape, resolution, sound, camera, images) read from its current
 * request and compiled for the new one, the old model's extras kept under its id, the new one's brought back. The
 * prompt stays the creator's own: the camera and the characters are added when it is sent. Null for an unknown model.
 */
export function recastShot(
  catalog: ModelCatalog,
  shot: Shot,
  modelId: string,
  resolution?: ResolutionClass,
): { readonly shot: Shot; readonly changes: readonly IntentChange[] } | null {
  const read = readIntent(catalog, { ...shot, camera: shot.camera });
  const wanted = { ...read.intent, resolution: resolution ?? read.intent.resolution };
  const compiled = compileIntent(catalog, { ...wanted, camera: null }, modelId, {
    ...read.extras,
    ...shot.modelExtras[modelId],
  });
  if (!compiled) return null;
  const images = compiled.images.map(({ role, path, crop }) => ({ role, path, crop }));
  const camera = read.intent.camera;
  // The camera is applied when the shot is sent (its words must not be stored in the creator's prompt); what that
  // send will do — the field, or words — is said here, where the table is read.
  const cameraChanges = withCamera(
    catalog,
    { model: compiled.model, prompt: '', params: compiled.params },
    camera,
  ).changes;
  return {
    shot: {
      ...shot,
      model: compiled.model,
      params: compiled.params,
      images,
      camera,
      modelExtras: { ...shot.modelExtras, [shot.model]: read.extras },
    },
    changes: [...compiled.changes, ...cameraChanges],
  };
}

/** What a shot sends on its model, with its seconds and cost. */
function requestOf(
  board: Storyboard,
  shot: Shot,
  catalog: ModelCatalog,
  price: (model: string) => number | null,
): { readonly request: RecastRequest; readonly problem: string | null } {
  const model = findModel(catalog, shot.model);
  const sent = sentShot(board, shot, catalog);
  const images = shot.extendsTake ? [] : sent.images;
  const checked = validateGeneration(
    catalog,
    {
      model: shot.model,
      prompt: sent.prompt,
      params: sent.params,
      images: images.map((image) => ({ role: image.role, url: image.path })),
    },
    { imagesUploaded: false },
  );
  const params = checked.ok ? checked.request.params : sent.params;
  const seconds = (model && secondsOf(model, params)) ?? 0;
  const perSecond = price(shot.model);
  return {
    request: {
      model: shot.model,
      modelLabel: model?.label ?? shot.model,
      prompt: sent.prompt,
      params,
      images: images.map((image) => image.role),
      seconds,
      cost: perSecond === null ? null : costOf(perSecond, seconds),
    },
    problem: checked.ok ? null : checked.issues.map((issue) => issue.message).join(' '),
  };
}

const totalOf = (costs: readonly (number | null)[]) =>
  costs.some((cost) => cost === null) ? null : sumMoney(costs.map((cost) => cost ?? 0));

/**
 * The recast table: every shot's request now and on its new model, side by side, with what changed and why and the
 * cost before and after (totals over the shots that can be sent). Nothing is changed or queued.
 */
export function planRecast(
  board: Storyboard,
  target: RecastTarget,
  catalog: ModelCatalog,
  price: (model: string) => number | null,
): RecastPlan {
  const rows: RecastRow[] = board.shots.map((shot, index) => {
    const before = requestOf(board, shot, catalog, price).request;
    const modelId = targetModelOf(target, shot);
    const model = findModel(catalog, modelId);
    const recast = recastShot(catalog, shot, modelId, targetResolutionOf(target));
    const row = { shotId: shot.id, index, before };
    if (!model || !recast)
      return { ...row, after: null, changes: [], blocked: `"${modelId}" is not a video model Reelbench knows.` };
    if (model.state === 'unavailable')
      return { ...row, after: null, changes: [], blocked: `${model.label} is no longer offered — choose another.` };
    if (shot.extendsTake)
      return { ...row, after: null, changes: [], blocked: 'An extension continues its own take and keeps its model.' };
    const after = requestOf(board, recast.shot, catalog, price);
    return { ...row, after: after.request, changes: [...recast.changes], blocked: after.problem };
  });
  const sendable = rows.filter((row) => row.after !== null && row.blocked === null);
  return {
    boardId: board.id,
    rows,
    totalBefore: totalOf(sendable.map((row) => row.before.cost)),
    totalAfter: totalOf(sendable.map((row) => row.after?.cost ?? null)),
  };
}
