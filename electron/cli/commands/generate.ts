import { defaultModelId } from '../../../shared/catalog/model-catalog';
import { findModel } from '../../../shared/catalog/model-lookup';
import type { VideoModel } from '../../../shared/catalog/video-model';
import { summarizeRequest } from '../../../shared/catalog/request-summary';
import { AppError } from '../../../shared/errors';
import { parseCommandArgs } from '../cli-args';
import { ASPECT_WORDS, formatCommandHelp, noSuchModel, type CommandHelp } from '../cli-help';
import { errorData, EXIT, UsageError, type CliIo, refusedValue } from '../cli-io';
import type { CliContext } from '../cli-context';
import { requireUserFile } from '../user-files';
import { watchJobs, type WatchOutcome } from '../job-watch';
import { cameraFromFlags, checkRequest, imagesFromFlags, paramsFromFlags, requestFlagsOf } from '../request-flags';
import { withCamera } from '../../../shared/intent/compile-intent';
import { changeLine } from '../change-line';
import { CAMERA_MOVES } from '../../../shared/intent/intent-models';
import { stoppedWatchingLine } from './job-format';

/** What `--camera` does, as help shows it (`generate` and `board add`). */
export const CAMERA_HELP = `how the camera moves: ${CAMERA_MOVES.join(', ')}; S from 0 to 1 is how far (default 0.5). Written into the model's camera field where it has one, else as words in the prompt`;

/** `reelbench generate`, as help shows it. */
export const GENERATE_HELP: CommandHelp = {
  usage:
    'reelbench generate --prompt TEXT [--model ID] [--duration N] [--aspect A] [--resolution R] [--set NAME=VALUE]… [--image FILE] [--first-frame FILE] [--last-frame FILE] [--ref FILE]… [--camera MOVE[:S]] [--title T] [--timeout S] [--json]',
  summary:
    "Runs the whole pipeline (prepare → upload → submit → poll → download → library) and prints the saved video's path.",
  options: [
    ['--prompt TEXT', 'what to generate (required)'],
    ['--model ID', 'a video model (`reelbench models`); default: the last one used, else the first available'],
    ['--duration N', 'seconds of video, in whatever field the model uses (`reelbench models show ID`)'],
    ['--aspect A', ASPECT_WORDS],
    ['--resolution R', "one of the model's resolutions (720p, 1080p, standard, pro…)"],
    ['--set NAME=VALUE', 'any other parameter of the model, typed by its schema (--set seed=42); repeatable'],
    ['--image FILE', "the model's main image input: its first frame (or a reference), cropped to the video's frame"],
    ['--first-frame FILE', 'the opening frame'],
    ['--last-frame FILE', 'the closing frame (with a first frame)'],
    ['--ref FILE', 'a reference image (a face, a costume, a style); repeatable'],
    ['--camera MOVE[:S]', CAMERA_HELP],
    ['--title T', 'its title in the library'],
    ['--timeout S', 'stop watching after S seconds (exit 1; the job is kept for `reelbench jobs resume`)'],
  ],
};

export const GENERATE_OPTIONS = {
  prompt: { type: 'string' },
  image: { type: 'string' },
  'first-frame': { type: 'string' },
  'last-frame': { type: 'string' },
  ref: { type: 'string', multiple: true },
  camera: { type: 'string' },
  set: { type: 'string', multiple: true },
  model: { type: 'string' },
  duration: { type: 'string' },
  aspect: { type: 'string' },
  resolution: { type: 'string' },
  title: { type: 'string' },
  timeout: { type: 'string' },
} as const;

const usageLine = GENERATE_HELP.usage;
const STOP_CODES = { interrupted: 'cancelled', timedOut: 'timeout', takenOver: 'takenOver' } as const;

/** The model of the newest job, for the default: what the user used last. */
async function lastUsedModel(context: CliContext): Promise<string | null> {
  const records = (await context.pipeline({ adopt: false })).store.all();
  const newest = records.sort((a, b) => b.job.createdAt.localeCompare(a.job.createdAt))[0];
  return newest?.job.request.model ?? null;
}

/** --timeout in milliseconds; a value that is not a number of seconds above 0 is refused. */
export function timeoutFrom(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw refusedValue(`--timeout takes a number of seconds above 0, not "${value}".`);
  return seconds * 1000;
}

/** Runs the whole pipeline for one prompt; exit code 0 only when the video is in the library. */
export async function generateCommand(
  args: readonly string[],
  io: CliIo,
  context: CliContext,
  tty: { isTTY: boolean; write(text: string): void },
): Promise<number> {
  const { values, json, help } = parseCommandArgs(args, {
    command: 'generate',
    usage: usageLine,
    options: GENERATE_OPTIONS,
  });
  if (help) {
    io.out(formatCommandHelp(GENERATE_HELP).join('\n'));
    return EXIT.ok;
  }
  if (!values.prompt) throw new UsageError(`generate needs --prompt.\n  ${usageLine}`);
  const timeoutMs = timeoutFrom(values.timeout);
  const key = await context.keyStore.status();
  const models = await context.models();
  const modelId = values.model ?? defaultModelId(models.current(), await lastUsedModel(context));
  // An id the catalog has never heard of is asked for at once (it may be a model only APIMart's schema knows).
  const known = findModel(models.current(), modelId) ?? (key.present ? await models.ensure(modelId) : undefined);
  if (!known) throw noSuchModel(modelId, models.current());

  const flags = requestFlagsOf(values);
  const request = (model: VideoModel) => {
    const asked = paramsFromFlags(model, flags, usageLine);
    const camera = cameraFromFlags(model, flags, asked);
    const { prompt, params, changes } = withCamera(
      models.current(),
      { model: model.id, prompt: values.prompt ?? '', params: asked },
      camera,
    );
    const images = imagesFromFlags(model, flags, context.userPath);
    checkRequest(models.current(), model, { prompt, params, images });
    return { prompt, params, images, changes };
  };
  // What can be known here is checked here, before any request: the values against the model, then each image.
  const local = request(known);
  for (const image of local.images)
    await context.images.inspect(await requireUserFile(image.path), { model: known.id, params: local.params });
  if (!key.present) throw new AppError('noKey', 'No APIMart API key is set, so nothing was sent.');
  // Then against today's schema (read at most once a day): live allowed values win over the snapshot.
  const model = (await models.ensure(known.id)) ?? known;
  const { prompt, params, images, changes } = model === known ? local : request(model);

  // Only this job: what other runs left behind is `jobs resume`'s to finish, not this command's.
  const pipeline = await context.pipeline({ adopt: false });
  const { runner } = pipeline;
  runner.start();
  const queued = runner.enqueue({
    model: model.id,
    prompt,
    params,
    images,
    title: values.title ?? null,
  });
  if (!json) {
    const summary = summarizeRequest(models.current(), model.id, queued.request.params);
    const facts = [
      summary.seconds === null ? null : `${summary.seconds} s`,
      model.id,
      summary.aspect,
      summary.resolution,
    ];
    io.err(`Job ${queued.id.slice(0, 8)}: ${facts.filter((fact) => fact !== null).join(', ')}.`);
    for (const change of changes) io.err(`  ${changeLine(change)}`);
  }

  const outcome: WatchOutcome = await watchJobs(runner, [queued.id], io, {
    isTTY: tty.isTTY,
    write: tty.write,
    quiet: json,
    apiHost: new URL(context.baseUrl).host,
    timeoutMs,
    isSending: (id) => pipeline.store.get(id)?.internals.submitAttemptAt != null,
    onChange: (listener) => context.onJobChange(listener),
  });
  const [job = runner.get(queued.id)] = outcome.jobs;

  if (outcome.kind !== 'settled') {
    const line = stoppedWatchingLine(job, outcome.kind, values.timeout);
    if (json) io.out(JSON.stringify({ ok: false, job, error: { code: STOP_CODES[outcome.kind], message: line } }));
    else io.err(line);
    return outcome.kind === 'interrupted' ? EXIT.interrupted : EXIT.failed;
  }
  if (job.phase === 'done' && job.libraryItemId) {
    const library = (await context.library()).current();
    const file = await library.mediaFile('video', job.libraryItemId);
    io.out(json ? JSON.stringify({ ok: true, job, path: file }) : `${file}`);
    return EXIT.ok;
  }
  const error = errorData(
    job.error
      ? new AppError(job.error.code, job.error.message, job.error.action)
      : new Error(`The job ended as "${job.phase}".`),
  );
  if (json) io.out(JSON.stringify({ ok: false, job, error }));
  else io.err(`reelbench: ${error.message}${error.action ? `\n  ${error.action}` : ''}`);
  return EXIT.failed;
}
