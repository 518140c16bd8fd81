import { withLedgers } from '../../services/jobs/usage';
import type { Job } from '../../../shared/jobs/job-models';
import { parseCommandArgs } from '../cli-args';
import { formatCommandHelp, type CommandHelp } from '../cli-help';
import { errorData, EXIT, UsageError, type CliIo, refusedValue } from '../cli-io';
import type { CliContext } from '../cli-context';
import { watchJobs } from '../job-watch';
import { describeJobState, isUnfinished, stoppedWatchingLine } from './job-format';
import { cancelJob, hideJob } from './job-control';
import { jobByPrefix } from './job-ids';
import { AppError } from '../../../shared/errors';
import { translateRef } from '../../../shared/i18n/error-text';
import { translator } from '../../../shared/i18n/translator';
import { formatMoney } from '../../../shared/text/money';

const english = translator('en');

const LIST_HELP: CommandHelp = {
  usage: 'reelbench jobs [--json]',
  summary: 'The queue: every job, its state, and why it waits or failed.',
};
const RESUME_HELP: CommandHelp = {
  usage: 'reelbench jobs resume [ID…] [--timeout S] [--json]',
  summary:
    'Finishes what an earlier run left unfinished (after Ctrl+C, a crash or a lost connection), every job or the ones named, and prints the saved paths.',
  options: [
    ['ID', 'a job id, or the start of one only that job has (the 8 characters `reelbench jobs` shows)'],
    ['--timeout S', 'stop watching after S seconds (exit 1; the jobs are kept)'],
  ],
};
const CANCEL_HELP: CommandHelp = {
  usage: 'reelbench jobs cancel ID [--json]',
  summary:
    'Stops one job, here or in another Reelbench process; a job APIMart already accepted is still charged, and it says how much.',
};
const HIDE_HELP: CommandHelp = {
  usage: 'reelbench jobs hide ID [--json]',
  summary: 'Takes an ended job off the list (its video stays in the library).',
};
const USAGE_HELP: CommandHelp = {
  usage: 'reelbench usage [--json]',
  summary: 'Billed seconds and their cost, today and this month (failed jobs included).',
};
/** The job commands, as help shows them. */
export const JOBS_HELP: readonly CommandHelp[] = [LIST_HELP, RESUME_HELP, CANCEL_HELP, HIDE_HELP, USAGE_HELP];
const JOB_COMMANDS = [LIST_HELP, RESUME_HELP, CANCEL_HELP, HIDE_HELP];

/** `reelbench jobs [resume]`: the queue, or finishing what a previous run left unfinished. */
export async function jobsCommand(
  args: readonly string[],
  io: CliIo,
  context: CliContext,
  tty: { isTTY: boolean; write(text: string): void },
): Promise<number> {
  const usage = JOB_COMMANDS.map((entry) => entry.usage).join('\n  ');
  const { values, positionals, json, help } = parseCommandArgs(args, {
    command: 'jobs',
    usage,
    options: { timeout: { type: 'string' } },
    positionals: 100,
  });
  if (help) {
    io.out(JOB_COMMANDS.flatMap((entry) => formatCommandHelp(entry)).join('\n'));
    return EXIT.ok;
  }
  const [subcommand, ...ids] = positionals;
  if (values.timeout !== undefined && subcommand !== 'resume')
    throw new UsageError(`--timeout goes with \`jobs resume\`.\n  ${RESUME_HELP.usage}`);
  if (subcommand === 'resume') return resume(io, context, tty, json, values.timeout, ids);
  if (subcommand === 'cancel' || subcommand === 'hide') {
    const [id, ...extra] = ids;
    if (id === undefined || extra.length > 0)
      throw new UsageError(
        `jobs ${subcommand} takes one job id.\n  ${subcommand === 'cancel' ? CANCEL_HELP.usage : HIDE_HELP.usage}`,
      );
    return subcommand === 'cancel' ? cancelJob(id, io, context, json) : hideJob(id, io, context, json);
  }
  if (subcommand !== undefined)
    throw new UsageError(`jobs takes nothing, resume, cancel or hide, not "${subcommand}".\n  ${usage}`);

  const { runner } = await context.pipeline();
  const jobs = runner.list();
  const watched = (job: Job) => isUnfinished(job) && runner.runBy(job.id) !== null;
  if (json) {
    io.out(JSON.stringify({ ok: true, jobs: jobs.map((job) => ({ ...job, watched: watched(job) })) }));
    return EXIT.ok;
  }
  if (jobs.length === 0) io.out('No jobs yet.');
  for (const job of jobs) {
    io.out(
      `${job.id.slice(0, 8)}  ${job.createdAt.slice(0, 16).replace('T', ' ')}  ${describeJobState(job, watched(job)).padEnd(34)}  ${job.request.prompt.slice(0, 60)}`,
    );
    if (job.error && job.phase !== 'done') {
      const error = errorData(job.error);
      io.out(`          ${error.message}${error.action ? ` ${error.action}` : ''}`);
    }
    if (job.warning) io.out(`          ${translateRef(english, job.warning) ?? ''}`);
  }
  if (jobs.some((job) => isUnfinished(job) && !watched(job)))
    io.out('No Reelbench is running some of these jobs: `reelbench jobs resume` finishes them.');
  return EXIT.ok;
}

async function resume(
  io: CliIo,
  context: CliContext,
  tty: { isTTY: boolean; write(text: string): void },
  json: boolean,
  timeout: string | undefined,
  named: readonly string[],
): Promise<number> {
  const timeoutSeconds = timeout === undefined ? undefined : Number(timeout);
  if (timeoutSeconds !== undefined && !(timeoutSeconds > 0))
    throw refusedValue(`--timeout takes a number of seconds above 0, not "${timeout}".`);
  const pipeline = await context.pipeline();
  const { runner } = pipeline;
  const chosen = named.map((typed) => jobByPrefix(runner.list(), typed));
  for (const job of chosen.filter((candidate) => !isUnfinished(candidate)))
    throw new AppError(
      'invalidInput',
      `Job ${job.id.slice(0, 8)} has already ended (${job.phase}): nothing to resume.`,
    );
  const unfinished = named.length > 0 ? chosen : runner.list().filter(isUnfinished);
  const elsewhere = unfinished.filter((job) => runner.runBy(job.id) === 'elsewhere');
  const ids = unfinished.filter((job) => !elsewhere.includes(job)).map((job) => job.id);
  const busy =
    elsewhere.length === 0
      ? null
      : `${elsewhere.length} job${elsewhere.length === 1 ? ' is' : 's are'} being run by another Reelbench process.`;
  if (ids.length === 0) {
    if (json)
      io.out(
        JSON.stringify({
          ok: true,
          jobs: [],
          paths: [],
          ...(elsewhere.length > 0 ? { elsewhere: elsewhere.map((job) => job.id) } : {}),
        }),
      );
    else io.out(busy ?? 'Nothing to resume: every job has finished.');
    return EXIT.ok;
  }
  if (busy && !json) io.err(busy);
  if (!json) io.err(`Resuming ${ids.length} job${ids.length === 1 ? '' : 's'}.`);
  runner.start();
  const outcome = await watchJobs(runner, ids, io, {
    isTTY: tty.isTTY,
    write: tty.write,
    quiet: json,
    apiHost: new URL(context.baseUrl).host,
    timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
    isSending: (id) => pipeline.store.get(id)?.internals.submitAttemptAt != null,
    onChange: (listener) => context.onJobChange(listener),
  });
  const library = (await context.library()).current();
  const filed = new Map(
    await Promise.all(
      outcome.jobs.map(
        async (job) =>
          [
            job.id,
            job.phase === 'done' && job.libraryItemId ? await library.mediaFile('video', job.libraryItemId) : null,
          ] as const,
      ),
    ),
  );
  const pathOf = (job: Job) => filed.get(job.id) ?? null;
  const paths = outcome.jobs.map(pathOf).filter((file): file is string => file !== null);
  const allDone = outcome.kind === 'settled' && paths.length === outcome.jobs.length;
  if (json) {
    io.out(JSON.stringify({ ok: allDone, jobs: outcome.jobs.map((job) => ({ ...job, path: pathOf(job) })), paths }));
  } else {
    for (const file of paths) io.out(file);
    for (const job of outcome.jobs) {
      if (pathOf(job)) continue;
      if (outcome.kind !== 'settled' && isUnfinished(job)) io.err(stoppedWatchingLine(job, outcome.kind, timeout));
      else {
        const error = errorData(job.error ?? new Error(`The job ended as "${job.phase}".`));
        io.err(`reelbench: job ${job.id.slice(0, 8)}: ${error.message}${error.action ? `\n  ${error.action}` : ''}`);
      }
    }
  }
  if (outcome.kind === 'interrupted') return EXIT.interrupted;
  return allDone ? EXIT.ok : EXIT.failed;
}

/** `reelbench usage`: billed seconds and cost, today and this month. */
export async function usageCommand(args: readonly string[], io: CliIo, context: CliContext): Promise<number> {
  const { json, help } = parseCommandArgs(args, { command: 'usage', usage: USAGE_HELP.usage, options: {} });
  if (help) {
    io.out(formatCommandHelp(USAGE_HELP).join('\n'));
    return EXIT.ok;
  }
  const { runner } = await context.pipeline();
  const usage = withLedgers(runner.usage(), { chat: context.chatUsage(), speech: context.speechUsage() }, new Date());
  if (json) {
    io.out(JSON.stringify({ ok: true, ...usage }));
    return EXIT.ok;
  }
  const line = (name: string, period: typeof usage.today) => {
    const estimate =
      period.estimate !== null && period.cost !== null && Math.abs(period.estimate - period.cost) >= 0.005
        ? ` (estimated ${formatMoney(period.estimate)})`
        : '';
    // Nothing spent is $0.00, not "cost unknown".
    const cost =
      period.jobs === 0
        ? `cost ${formatMoney(0)}`
        : period.cost === null
          ? 'cost unknown'
          : `cost ${formatMoney(period.cost)}${estimate}`;
    const unpriced =
      period.unpriced > 0 && period.cost !== null
        ? ` (+${period.unpriced} job${period.unpriced === 1 ? '' : 's'} without a price)`
        : '';
    return `${name}: ${period.jobs} job${period.jobs === 1 ? '' : 's'}, ${period.seconds} s billed, ${cost}${unpriced}.`;
  };
  io.out(line('Today', usage.today));
  io.out(line('This month', usage.month));
  const chat = (name: string, period: typeof usage.chat.today) =>
    `${name}: ${period.requests} chat request${period.requests === 1 ? '' : 's'}, ${period.tokens} tokens, ${period.cost === null ? 'cost unknown' : `cost ${formatMoney(period.cost)}`}${period.unpriced > 0 && period.cost !== null ? ` (+${period.unpriced} without a price)` : ''}.`;
  if (usage.chat.month.requests > 0) {
    io.out(chat('Chat today', usage.chat.today));
    io.out(chat('Chat this month', usage.chat.month));
  }
  if (usage.month.cost === null || usage.month.unpriced > 0) {
    io.out(
      "Costs are counted from what APIMart reports, else each model's price per second (shipped, dated; yours with `reelbench config set price.MODEL 0.08` — APIMart's pricing page has the current figures).",
    );
  }
  return EXIT.ok;
}
