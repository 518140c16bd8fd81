import path from 'node:path';
import { MODEL_CATALOG } from '../../../shared/catalog/model-catalog';
import { validateVideoRequest, type VideoRequest } from '../../../shared/catalog/video-request';
import { AppError } from '../../../shared/errors';
import { parseCommandArgs } from '../cli-args';
import { ASPECT_WORDS, formatCommandHelp, modelIdList, type CommandHelp } from '../cli-help';
import { errorData, EXIT, UsageError, type CliIo } from '../cli-io';
import type { CliContext } from '../cli-context';
import { watchJobs, type WatchOutcome } from '../job-watch';
import { stoppedWatchingLine } from './job-format';

/** `reelbench generate`, as help shows it. */
export const GENERATE_HELP: CommandHelp = {
  usage:
    'reelbench generate --prompt TEXT [--model ID] [--duration S] [--aspect A] [--resolution R] [--image FILE] [--title T] [--timeout S] [--json]',
  summary:
    "Runs the whole pipeline (prepare → upload → submit → poll → download → library) and prints the saved video's path.",
  options: [
    ['--prompt TEXT', 'what to generate (required)'],
    ['--model ID', `one of the models below (default ${MODEL_CATALOG.defaultModel})`],
    ['--duration S', 'seconds of video; the model decides which (Sora: 4, 8 or 12; default 4)'],
    ['--aspect A', `${ASPECT_WORDS}; default landscape`],
    ['--resolution R', 'standard, or high with sora-2-pro-preview'],
    ['--image FILE', "a reference image (JPEG, PNG, WebP, GIF, TIFF, AVIF), cropped to the video's frame"],
    ['--title T', 'its title in the library'],
    ['--timeout S', 'stop watching after S seconds (exit 1; the job is kept for `reelbench jobs resume`)'],
  ],
};

const OPTIONS = {
  prompt: { type: 'string' },
  image: { type: 'string' },
  model: { type: 'string' },
  duration: { type: 'string' },
  aspect: { type: 'string' },
  resolution: { type: 'string' },
  title: { type: 'string' },
  timeout: { type: 'string' },
} as const;

const usageLine = GENERATE_HELP.usage;
const STOP_CODES = { interrupted: 'cancelled', timedOut: 'timeout', takenOver: 'takenOver' } as const;

/** Checks the command line against the catalog: a wrong model, duration or aspect is a usage error (exit 2). */
function requestFrom(values: {
  prompt?: string | undefined;
  model?: string | undefined;
  duration?: string | undefined;
  aspect?: string | undefined;
  resolution?: string | undefined;
}): VideoRequest {
  if (!values.prompt) throw new UsageError(`generate needs --prompt.\n  ${usageLine}`);
  const model = values.model ?? MODEL_CATALOG.defaultModel;
  if (!MODEL_CATALOG.models.some((candidate) => candidate.id === model)) {
    throw new UsageError(`there is no model "${model}". Choose one of: ${modelIdList(MODEL_CATALOG)}.`);
  }
  const duration = values.duration === undefined ? undefined : Number(values.duration);
  if (duration !== undefined && !Number.isInteger(duration))
    throw new UsageError(`--duration takes whole seconds, not "${values.duration}".\n  ${usageLine}`);
  const validation = validateVideoRequest(MODEL_CATALOG, {
    model,
    prompt: values.prompt,
    duration,
    aspect: values.aspect ?? 'landscape',
    resolution: values.resolution,
  });
  if (!validation.ok) throw new UsageError(validation.issues.map((issue) => issue.message).join(' '));
  return validation.request;
}

function timeoutFrom(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(`--timeout takes a number of seconds above 0, not "${value}".\n  ${usageLine}`);
  return seconds * 1000;
}

/** Runs the whole pipeline for one prompt; exit code 0 only when the video is in the library. */
export async function generateCommand(
  args: readonly string[],
  io: CliIo,
  context: CliContext,
  tty: { isTTY: boolean; write(text: string): void },
): Promise<number> {
  const { values, json, help } = parseCommandArgs(args, { command: 'generate', usage: usageLine, options: OPTIONS });
  if (help) {
    io.out(formatCommandHelp(GENERATE_HELP).join('\n'));
    return EXIT.ok;
  }
  const request = requestFrom(values);
  const timeoutMs = timeoutFrom(values.timeout);
  const imagePath = values.image ? path.resolve(values.image) : null;

  // What can be known now is checked now: a job is created only when it can run.
  if (imagePath)
    await context.images.inspect(imagePath, {
      model: request.model,
      resolution: request.resolution,
      aspect: request.aspect,
    });
  const key = await context.keyStore.status();
  if (!key.present) throw new AppError('noKey', 'No APIMart API key is set, so nothing was sent.');

  // Only this job: what other runs left behind is `jobs resume`'s to finish, not this command's.
  const pipeline = await context.pipeline({ adopt: false });
  const { runner } = pipeline;
  runner.start();
  const queued = runner.enqueue({ ...request, imagePath, title: values.title ?? null });
  if (!json) io.err(`Job ${queued.id.slice(0, 8)}: ${request.duration} s, ${request.model}, ${request.aspect}.`);

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
    const file = library.mediaFile('video', job.libraryItemId);
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
