import { validateGeneration } from '../../../shared/catalog/generation-request';
import { findModel, secondsOf } from '../../../shared/catalog/model-lookup';
import type { ModelCatalog } from '../../../shared/catalog/video-model';
import type { BoardPlan, BoardScope, Shot, Storyboard } from '../../../shared/boards/board-models';
import { castShot, type CastShot } from '../../../shared/boards/character-cast';
import { withCamera } from '../../../shared/intent/compile-intent';
import type { Params } from '../../../shared/catalog/video-model';
import { TERMINAL_PHASES, type JobPhase } from '../../../shared/jobs/job-models';

/** Whether a shot has a video, or one on its way: "generate the missing shots" leaves it alone. */
function hasTake(shot: Shot, jobPhase: (jobId: string) => JobPhase | null): boolean {
  return shot.takes.some((take) => {
    if (take.itemId !== null) return true;
    const phase = jobPhase(take.jobId);
    return phase !== null && !TERMINAL_PHASES.has(phase);
  });
}

/** What a shot sends: its characters cast into prompt and images, its camera into the model's field or its prompt. */
export function sentShot(board: Storyboard, shot: Shot, catalog: ModelCatalog): CastShot & { readonly params: Params } {
  const cast = castShot(board, shot, findModel(catalog, shot.model));
  const sent = withCamera(catalog, { model: shot.model, prompt: cast.prompt, params: shot.params }, shot.camera);
  return { ...cast, prompt: sent.prompt, params: sent.params };
}

/**
 * The shots a scope covers, each checked against its model as the queue would check it, with the seconds and the
 * estimated cost (seconds × the model's price per second). Nothing is queued here.
 */
export function planBoard(
  board: Storyboard,
  scope: BoardScope,
  catalog: ModelCatalog,
  price: (model: string) => number | null,
  jobPhase: (jobId: string) => JobPhase | null,
): BoardPlan {
  const chosen = board.shots
    .map((shot, index) => ({ shot, index }))
    .filter(({ shot }) =>
      scope.kind === 'all' ? true : scope.kind === 'shot' ? shot.id === scope.shotId : !hasTake(shot, jobPhase),
    );
  const shots: BoardPlan['shots'] = [];
  const blocked: BoardPlan['blocked'] = [];
  for (const { shot, index } of chosen) {
    // Checked as it will be sent: with its characters' images and descriptions.
    const cast = sentShot(board, shot, catalog);
    const checked = validateGeneration(
      catalog,
      {
        model: shot.model,
        params: cast.params,
        prompt: cast.prompt,
        images: shot.extendsTake ? [] : cast.images.map((image) => ({ role: image.role, url: image.path })),
      },
      { imagesUploaded: false },
    );
    const extensionProblem =
      shot.extendsTake && findModel(catalog, shot.model)?.extend !== 'remix'
        ? `${findModel(catalog, shot.model)?.label ?? shot.model} cannot extend a video.`
        : null;
    if (extensionProblem) {
      blocked.push({ shotId: shot.id, index, reason: extensionProblem });
      continue;
    }
    if (!checked.ok) {
      blocked.push({ shotId: shot.id, index, reason: checked.issues.map((issue) => issue.message).join(' ') });
      continue;
    }
    const model = findModel(catalog, shot.model);
    const seconds = (model && secondsOf(model, checked.request.params)) ?? 0;
    const perSecond = price(shot.model);
    shots.push({
      shotId: shot.id,
      index,
      model: shot.model,
      seconds,
      cost: perSecond === null ? null : Math.round(seconds * perSecond * 10_000) / 10_000,
      characters: { byImage: [...cast.byImage], byDescription: [...cast.byDescription] },
    });
  }
  const costs = shots.map((shot) => shot.cost);
  return {
    shots,
    totalSeconds: shots.reduce((sum, shot) => sum + shot.seconds, 0),
    estimatedCost: costs.some((cost) => cost === null)
      ? null
      : Math.round(costs.reduce<number>((sum, cost) => sum + (cost ?? 0), 0) * 10_000) / 10_000,
    blocked,
  };
}
