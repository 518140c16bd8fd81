import path from 'node:path';
import { parseArgs } from 'node:util';
import { MODEL_CATALOG } from '../../../shared/catalog/model-catalog';
import { validateVideoRequest } from '../../../shared/catalog/video-request';
import { AppError } from '../../../shared/errors';
import type { Job } from '../../../shared/jobs/job-models';
import { EXIT, UsageError, type CliIo } from '../cli-io';
import type { CliContext } from '../cli-context';
import { describeJobState, progressBar } from './job-format';

/** Usage line of generate. */
export const GENERATE_USAGE =
  'reelbench generate --prompt TEXT [--image FILE] [--model M] [--duration 4|8|12] [--aspect landscape|portrait] [--resolution standard|high] [--title T] [--json]';

/** Runs the whole pipeline for one prompt; exit code 0 only when the video is in the library. */
export async function generateCommand(args: readonly string[], io: CliIo, context: CliContext, tty: { isTTY: boolean; write(text: string): void }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      prompt: { type: 'string' },
      image: { type: 'string' },
      model: { type: 'string', default: MODEL_CATALOG.defaultModel },
      duration: { type: 'string' },
      aspect: { type: 'string', default: 'landscape' },
      resolution: { type: 'string' },
      title: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected "${positionals.join(' ')}"; put the prompt in --prompt "…".\n  ${GENERATE_USAGE}`);
  if (!values.prompt) throw new UsageError(`generate needs --prompt.\n  ${GENERATE_USAGE}`);
  const validation = validateVideoRequest(MODEL_CATALOG, {
    model: values.model,
    prompt: values.prompt,
    duration: values.duration === undefined ? undefined : Number(values.duration),
    aspect: values.aspect,
    resolution: values.resolution,
  });
  if (!validation.ok) throw new AppError('invalidInput', validation.issues.map((issue) => issue.message).join(' '));
  const { request } = validation;

  const { runner } = await context.pipeline();
  runner.start();
  const queued = runner.enqueue({
    prompt: request.prompt,
    model: request.model,
    duration: request.duration,
    aspect: request.aspect,
    resolution: request.resolution,
    imagePath: values.image ? path.resolve(values.image) : null,
    title: values.title ?? null,
  });
  if (!values.json) io.err(`Job ${queued.id.slice(0, 8)}: ${request.duration} s, ${request.model}, ${request.aspect}.`);

  let lastLine = '';
  const ticker = setInterval(() => {
    const job = runner.get(queued.id);
    if (values.json) return;
    if (tty.isTTY) tty.write(`\r${progressBar(job)}\u001b[K`);
    else {
      const line = describeJobState(job).replace(/ \d+%.*$/, '');
      if (line !== lastLine) io.err(line);
      lastLine = line;
    }
  }, 250);
  let job: Job;
  try {
    job = await runner.settled(queued.id);
  } finally {
    clearInterval(ticker);
    if (tty.isTTY && !values.json) tty.write('\r\u001b[K');
  }

  if (job.phase === 'done' && job.libraryItemId) {
    const library = (await context.library()).current();
    const file = library.mediaFile('video', job.libraryItemId);
    io.out(values.json ? JSON.stringify({ ok: true, job, path: file }) : `${file}`);
    return EXIT.ok;
  }
  const error = job.error ?? { code: 'internal', message: `The job ended as "${job.phase}".` };
  if (values.json) io.out(JSON.stringify({ ok: false, job, error }));
  else io.err(`reelbench: ${error.message}${error.action ? `\n  ${error.action}` : ''}`);
  return EXIT.failed;
}
