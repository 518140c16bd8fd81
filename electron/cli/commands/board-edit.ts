import { defaultModelId } from '../../../shared/catalog/model-catalog';
import { findModel } from '../../../shared/catalog/model-lookup';
import type { BoardScope, Shot, Storyboard } from '../../../shared/boards/board-models';
import { AppError } from '../../../shared/errors';
import type { Job } from '../../../shared/jobs/job-models';
import { formatMoney, sumMoney } from '../../../shared/text/money';
import { noSuchModel } from '../cli-help';
import { EXIT, errorData, refusedValue, type CliIo } from '../cli-io';
import type { CliContext } from '../cli-context';
import { watchJobs } from '../job-watch';
import { cameraFromFlags, checkRequest, imagesFromFlags, paramsFromFlags, type RequestFlags } from '../request-flags';
import { requireUserFile } from '../user-files';
import { stoppedWatchingLine } from './job-format';

/** `board new TITLE`: an empty storyboard; prints its id (the whole id: scripts keep it). */
export async function newBoard(title: string, io: CliIo, context: CliContext, json: boolean): Promise<number> {
  const board = (await context.boards()).create({ title: title.trim() });
  io.out(json ? JSON.stringify({ ok: true, board: { id: board.id, title: board.title } }) : board.id);
  return EXIT.ok;
}

/** What `board add` is told about the new shot: its prompt, model and the request's values, as `generate` takes them. */
export interface ShotFlags extends RequestFlags {
  readonly prompt: string;
  readonly model?: string | undefined;
}

/** `board add ID --prompt …`: a shot at the end, checked against its model like `generate` checks a request. */
export async function addShot(
  board: Storyboard,
  flags: ShotFlags,
  usage: string,
  io: CliIo,
  context: CliContext,
  json: boolean,
): Promise<number> {
  const boards = await context.boards();
  const catalog = (await context.models()).current();
  const previous = board.shots.at(-1)?.model ?? null;
  const modelId = flags.model ?? defaultModelId(catalog, previous);
  const model = findModel(catalog, modelId);
  if (!model) throw noSuchModel(modelId, catalog);
  const params = paramsFromFlags(model, flags, usage);
  // The camera is kept as the shot's intent and written in the model's terms when it is sent (as the window does).
  const camera = cameraFromFlags(model, flags, params);
  const images = imagesFromFlags(model, flags, context.userPath);
  checkRequest(catalog, model, { prompt: flags.prompt, params, images });
  for (const image of images) await requireUserFile(image.path);
  const added = boards.addShot(board.id);
  const shot = added.shots.at(-1);
  if (!shot) throw new AppError('internal', 'The shot was not added.');
  let saved = boards.updateShot(board.id, shot.id, { prompt: flags.prompt, model: model.id, params, camera });
  for (const image of images) saved = await boards.setShotImage(board.id, shot.id, image.role, image.path);
  const index = saved.shots.findIndex((candidate) => candidate.id === shot.id) + 1;
  if (json)
    io.out(
      JSON.stringify({ ok: true, board: board.id, shot: { id: shot.id, index, model: model.id, params, camera } }),
    );
  else io.out(`Shot ${index} added to "${saved.title.trim() || 'Untitled storyboard'}": ${model.id}.`);
  return EXIT.ok;
}

/** The shot a `--shot N` names (as `board show` numbers them). */
export function shotNumbered(board: Storyboard, typed: string): { shot: Shot; index: number } {
  const index = Number(typed);
  const shot = Number.isInteger(index) ? board.shots[index - 1] : undefined;
  if (!shot)
    throw refusedValue(
      `--shot takes a shot number from 1 to ${board.shots.length}, not "${typed}".`,
      '`reelbench board show ID` numbers them.',
    );
  return { shot, index: index - 1 };
}

/** Which shots `board generate` queues: those named by number, else every shot without a take yet. */
function scopesOf(board: Storyboard, shots: readonly string[]): BoardScope[] {
  if (shots.length === 0) return [{ kind: 'missing' }];
  return shots.map((typed) => ({ kind: 'shot', shotId: shotNumbered(board, typed).shot.id }));
}

/**
 * `board generate ID [--shot N…]`: says what each shot costs and the total, queues the shots as jobs, then watches
 * them like `generate` (Ctrl+C or --timeout stops watching; the jobs are kept for `jobs resume`).
 */
export async function generateBoard(
  board: Storyboard,
  options: { readonly shots: readonly string[]; readonly timeoutMs: number | undefined; readonly timeout?: string },
  io: CliIo,
  context: CliContext,
  tty: { isTTY: boolean; write(text: string): void },
  json: boolean,
): Promise<number> {
  const boards = await context.boards();
  const scopes = scopesOf(board, options.shots);
  const plans = scopes.map((scope) => boards.plan(board.id, scope));
  const planned = plans.flatMap((plan) => plan.shots);
  const costs = planned.map((shot) => shot.cost);
  const known = costs.every((cost) => cost !== null);
  if (!json) {
    for (const shot of planned)
      io.err(
        `Shot ${shot.index + 1}: ${shot.seconds} s, ${shot.model}, ${shot.cost === null ? 'no price' : formatMoney(shot.cost)}.`,
      );
    if (planned.length > 0)
      io.err(
        `${planned.length} shot${planned.length === 1 ? '' : 's'} will be sent to APIMart and billed${known ? `: ${formatMoney(sumMoney(costs.map((cost) => cost ?? 0)))} in all` : ''}.`,
      );
  }
  return queueAndWatch(
    () => scopes.flatMap((scope) => boards.generate(board.id, scope)),
    options,
    io,
    context,
    tty,
    json,
  );
}

/**
 * Starts the queue, queues the jobs `queue` makes, and watches them into the library like `generate` (Ctrl+C or
 * --timeout stops watching; the jobs are kept for `jobs resume`). Prints the files, or with --json one object (with
 * `extra` in it).
 */
export async function queueAndWatch(
  queue: () => Job[],
  options: { readonly timeoutMs: number | undefined; readonly timeout?: string },
  io: CliIo,
  context: CliContext,
  tty: { isTTY: boolean; write(text: string): void },
  json: boolean,
  extra: Readonly<Record<string, unknown>> = {},
): Promise<number> {
  const pipeline = await context.pipeline({ adopt: false });
  const { runner } = pipeline;
  runner.start();
  const jobs: Job[] = queue();
  const outcome = await watchJobs(
    runner,
    jobs.map((job) => job.id),
    io,
    {
      isTTY: tty.isTTY,
      write: tty.write,
      quiet: json,
      apiHost: new URL(context.baseUrl).host,
      timeoutMs: options.timeoutMs,
      isSending: (id) => pipeline.store.get(id)?.internals.submitAttemptAt != null,
      onChange: (listener) => context.onJobChange(listener),
    },
  );
  const library = (await context.library()).current();
  const paths = await Promise.all(
    outcome.jobs.map(async (job) =>
      job.phase === 'done' && job.libraryItemId ? await library.mediaFile('video', job.libraryItemId) : null,
    ),
  );
  const allDone = outcome.kind === 'settled' && paths.every((file) => file !== null);
  if (json) io.out(JSON.stringify({ ok: allDone, ...extra, jobs: outcome.jobs, paths: paths.filter(Boolean) }));
  else
    outcome.jobs.forEach((job, index) => {
      const file = paths[index];
      if (file) return io.out(file);
      if (outcome.kind !== 'settled') return io.err(stoppedWatchingLine(job, outcome.kind, options.timeout));
      const error = errorData(job.error ?? new Error(`The job ended as "${job.phase}".`));
      io.err(`reelbench: job ${job.id.slice(0, 8)}: ${error.message}${error.action ? `\n  ${error.action}` : ''}`);
    });
  if (outcome.kind === 'interrupted') return EXIT.interrupted;
  return allDone ? EXIT.ok : EXIT.failed;
}
