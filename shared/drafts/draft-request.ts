import { aspectKeyOf } from '../catalog/aspect-ratio';
import { checkParam } from '../catalog/generation-request';
import {
  aspectValueFor,
  choicesFor,
  defaultOf,
  findModel,
  paramFor,
  paramNamed,
  valueFor,
} from '../catalog/model-lookup';
import type { ModelCatalog, ParamSpec, ParamValue, VideoModel } from '../catalog/video-model';
import type { GenerationSettings } from './draft-models';

/** One thing that did not carry over to another model: the field, what it was, and what it is now (null: gone). */
export interface FitChange {
  readonly field: string;
  readonly from: string;
  readonly to: string | null;
}

/** The nearest value a choice or a range offers to a number (12 s → 10 s where 10 is the longest). */
function nearest(param: ParamSpec, wanted: number): ParamValue | undefined {
  if (param.kind === 'number') {
    const low = param.min ?? wanted;
    const high = param.max ?? wanted;
    return Math.min(high, Math.max(low, param.integer ? Math.round(wanted) : wanted));
  }
  if (param.kind !== 'choice') return undefined;
  const numbers = param.values.map(Number).filter(Number.isFinite);
  if (numbers.length === 0) return undefined;
  const best = numbers.reduce((a, b) => (Math.abs(b - wanted) < Math.abs(a - wanted) ? b : a));
  return param.values.find((value) => Number(value) === best);
}

/** The other model's value for one of the three meanings, carried over where it fits. */
function carried(next: VideoModel, param: ParamSpec, value: ParamValue): ParamValue | undefined {
  if (param.meaning === 'aspect') return aspectValueFor(next, String(value));
  if (param.meaning === 'duration') return nearest(param, Number(value));
  if (param.meaning === 'resolution')
    return choicesFor(next, 'resolution').find(
      (choice) => String(choice).toLowerCase() === String(value).toLowerCase(),
    );
  return checkParam(next, param, value) === null ? value : undefined;
}

/**
 * What a draft's settings become on another model: the shape, length and resolution carry over where the model offers
 * them (in its own spelling; a length it does not offer becomes the nearest it does), any other parameter it also
 * takes is kept, the rest fall back to its defaults — and every change is named, so the user can be told.
 */
export function fitToModel(
  catalog: ModelCatalog,
  from: GenerationSettings,
  toModelId: string,
): { readonly settings: GenerationSettings; readonly changes: readonly FitChange[] } {
  const previous = findModel(catalog, from.model);
  const next = findModel(catalog, toModelId);
  if (!next) return { settings: from, changes: [] };
  const params: Record<string, ParamValue> = {};
  const changes: FitChange[] = [];
  for (const param of next.params) {
    const old = param.meaning && previous ? valueFor(previous, from.params, param.meaning) : from.params[param.name];
    if (old === undefined) continue;
    const kept = carried(next, param, old);
    const same =
      kept !== undefined &&
      (param.meaning === 'aspect'
        ? aspectKeyOf(String(kept)) === aspectKeyOf(String(old))
        : String(kept) === String(old));
    if (kept !== undefined) params[param.name] = kept;
    if (!same) {
      const now = kept ?? defaultOf(param);
      changes.push({
        field: param.meaning ?? param.name,
        from: String(old),
        to: now === undefined ? null : String(now),
      });
    }
  }
  // Parameters the new model does not take at all are dropped: say so for those the user had set.
  for (const [name, value] of Object.entries(from.params)) {
    const meaning = previous ? paramNamed(previous, name)?.meaning : null;
    if (!paramNamed(next, name) && !(meaning && paramFor(next, meaning)))
      changes.push({ field: meaning ?? name, from: String(value), to: null });
  }
  return { settings: { model: next.id, params }, changes };
}
