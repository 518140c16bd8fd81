import type { ModelCatalog } from '../../../shared/catalog/video-model';
import type { Storyboard } from '../../../shared/boards/board-models';
import type { RecastPlan, RecastSuggestions, RecastTarget } from '../../../shared/boards/recast-models';
import type { Job } from '../../../shared/jobs/job-models';
import { appError } from '../../../shared/i18n/error-text';
import { planRecast, recastShot, targetModelOf, targetResolutionOf } from './recast-plan';
import { suggestRecast } from './recast-suggestions';

/** "Recast onto…": the table, and applying it to the shots the creator confirmed. */
export interface BoardRecast {
  recastPlan(id: string, target: RecastTarget): RecastPlan;
  /**
   * Moves the confirmed shots onto their new models and queues one new take of each (billed); their old takes stay.
   * Refused whole, before anything changes, when a confirmed shot cannot be sent on its new model.
   */
  recast(
    id: string,
    target: RecastTarget,
    shotIds: readonly string[],
  ): { readonly board: Storyboard; readonly jobs: Job[] };
  /** The cheapest model every shot fits, and the sharpest within `budget` (dollars; null: no limit). */
  recastSuggestions(id: string, budget: number | null): RecastSuggestions;
}

/** What recasting works with: the board service's own reading, saving and generating. */
export interface BoardRecastDeps {
  readonly get: (id: string) => Storyboard;
  readonly save: (board: Storyboard) => Storyboard;
  readonly generateShot: (id: string, shotId: string) => Job[];
  readonly catalog: () => ModelCatalog;
  readonly pricePerSecond: (model: string) => number | null;
}

/** Creates the recast half of the board service. */
export function createBoardRecast(deps: BoardRecastDeps): BoardRecast {
  const recastPlan = (id: string, target: RecastTarget) =>
    planRecast(deps.get(id), target, deps.catalog(), deps.pricePerSecond);
  return {
    recastPlan,
    recastSuggestions: (id, budget) => suggestRecast(deps.get(id), deps.catalog(), deps.pricePerSecond, budget),
    recast(id, target, shotIds) {
      const plan = recastPlan(id, target);
      const confirmed = plan.rows.filter((row) => shotIds.includes(row.shotId));
      if (confirmed.length === 0) throw appError('invalidInput', 'error.board.nothingToRecast');
      const refused = confirmed.find((row) => row.after === null || row.blocked !== null);
      if (refused)
        throw appError('invalidInput', 'error.board.shotBlocked', {
          shot: refused.index + 1,
          reason: refused.blocked ?? '',
        });
      const board = deps.get(id);
      const catalog = deps.catalog();
      const shots = board.shots.map((shot) =>
        shotIds.includes(shot.id)
          ? (recastShot(catalog, shot, targetModelOf(target, shot), targetResolutionOf(target))?.shot ?? shot)
          : shot,
      );
      deps.save({ ...board, shots });
      const jobs = confirmed.flatMap((row) => deps.generateShot(id, row.shotId));
      return { board: deps.get(id), jobs };
    },
  };
}
