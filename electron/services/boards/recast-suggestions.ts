import type { ModelCatalog, VideoModel } from '../../../shared/catalog/video-model';
import type { Storyboard } from '../../../shared/boards/board-models';
import type { RecastPlan, RecastSuggestions } from '../../../shared/boards/recast-models';
import { RESOLUTION_CLASSES, type ResolutionClass } from '../../../shared/intent/intent-models';
import { resolutionClassOf } from '../../../shared/intent/resolution-class';
import { choicesFor, findModel, valueFor } from '../../../shared/catalog/model-lookup';
import { planRecast } from './recast-plan';

/**
 * What a change may do and the board still "fit": nothing dropped, no shot made shorter, no shape changed (a
 * sharpness changed to one the model offers is fine).
 */
function fits(plan: RecastPlan): boolean {
  return plan.rows.every(
    (row) =>
      row.after !== null &&
      row.blocked === null &&
      row.after.seconds >= row.before.seconds &&
      row.changes.every((change) => change.to !== null && change.what !== 'shape'),
  );
}

/** The sharpest class every shot gets on the plan's model (its weakest shot), as an index of the classes. */
function sharpness(plan: RecastPlan, catalog: ModelCatalog): number {
  const ranks = plan.rows.map((row) => {
    const model = row.after ? findModel(catalog, row.after.model) : undefined;
    const found = model && row.after ? resolutionClassOf(valueFor(model, row.after.params, 'resolution')) : null;
    return found === null ? -1 : RESOLUTION_CLASSES.indexOf(found);
  });
  return Math.min(...ranks);
}

/**
 * Suggestions for "Recast onto…", from prices and what each model offers only: the cheapest model every shot fits
 * (nothing left out, no shot shorter, the same shape), and the sharpest within a budget (by the resolution the weakest
 * shot gets; ties go to fewer changes, then the cheaper). Models without a price are not suggested.
 */
export function suggestRecast(
  board: Storyboard,
  catalog: ModelCatalog,
  price: (model: string) => number | null,
  budget: number | null,
): RecastSuggestions {
  const offered = catalog.models.filter(
    (model) => model.state !== 'unavailable' && model.extend === null && price(model.id) !== null,
  );
  type Candidate = { readonly model: VideoModel; readonly plan: RecastPlan; readonly resolution?: ResolutionClass };
  const candidate = (model: VideoModel, resolution?: ResolutionClass): Candidate => ({
    model,
    plan: planRecast(board, resolution ? { model: model.id, resolution } : { model: model.id }, catalog, price),
    ...(resolution ? { resolution } : {}),
  });
  const usable = (entry: Candidate) => entry.plan.rows.length > 0 && fits(entry.plan) && entry.plan.totalAfter !== null;
  const cost = (entry: Candidate) => entry.plan.totalAfter ?? Infinity;
  const changes = (entry: Candidate) => entry.plan.rows.reduce((sum, row) => sum + row.changes.length, 0);
  // As asked: each shot keeps its sharpness where the model offers it.
  const cheapest = offered
    .map((model) => candidate(model))
    .filter(usable)
    .sort((a, b) => cost(a) - cost(b) || changes(a) - changes(b))[0];
  // At its best: each model at the sharpest it offers (the price per second does not change with it).
  const best = offered
    .map((model) => candidate(model, topResolutionOf(model)))
    .filter((entry) => usable(entry) && (budget === null || cost(entry) <= budget))
    .sort((a, b) => sharpness(b.plan, catalog) - sharpness(a.plan, catalog) || cost(a) - cost(b))[0];
  const suggestion = (entry: Candidate | undefined) => {
    if (!entry) return null;
    const rank = sharpness(entry.plan, catalog);
    return {
      model: entry.model.id,
      modelLabel: entry.model.label,
      total: cost(entry),
      resolution: rank < 0 ? null : (RESOLUTION_CLASSES[rank] ?? null),
    };
  };
  return { cheapest: suggestion(cheapest), best: suggestion(best), budget };
}

/** The sharpest class a model's resolution choice offers, if it has one. */
function topResolutionOf(model: VideoModel): ResolutionClass | undefined {
  const classes = choicesFor(model, 'resolution')
    .map((value) => resolutionClassOf(value))
    .filter((found): found is ResolutionClass => found !== null);
  return [...classes].sort((a, b) => RESOLUTION_CLASSES.indexOf(b) - RESOLUTION_CLASSES.indexOf(a))[0];
}
