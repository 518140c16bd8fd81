import { EXIT, UsageError, type CliIo } from '../cli-io';
import type { CliContext } from '../cli-context';
import { describeJobState } from './job-format';

/** Usage lines of the job commands. */
export const JOBS_USAGE = ['reelbench jobs [--json]', 'reelbench jobs resume [--json]   (finish unfinished jobs)', 'reelbench usage [--json]'];

/** `reelbench jobs [resume]`: the queue, or finishing what a previous run left unfinished. */
export async function jobsCommand(args: readonly string[], io: CliIo, context: CliContext): Promise<number> {
  const json = args.includes('--json');
  const [subcommand] = args.filter((arg) => arg !== '--json');
  const { runner } = await context.pipeline();
  if (subcommand === 'resume') {
    runner.start();
    await runner.idle();
  } else if (subcommand !== undefined) {
    throw new UsageError(`jobs takes nothing or "resume".\n  ${JOBS_USAGE.join('\n  ')}`);
  }
  const jobs = runner.list();
  if (json) {
    io.out(JSON.stringify({ ok: true, jobs }));
    return EXIT.ok;
  }
  if (jobs.length === 0) io.out('No jobs yet.');
  for (const job of jobs) {
    io.out(`${job.id.slice(0, 8)}  ${job.createdAt.slice(0, 16).replace('T', ' ')}  ${describeJobState(job).padEnd(28)}  ${job.request.prompt.slice(0, 60)}`);
    if (job.error && job.phase !== 'done') io.out(`          ${job.error.message}`);
    if (job.warning) io.out(`          ${job.warning}`);
  }
  return EXIT.ok;
}

/** `reelbench usage`: billed seconds and cost, today and this month. */
export async function usageCommand(args: readonly string[], io: CliIo, context: CliContext): Promise<number> {
  const { runner } = await context.pipeline();
  const usage = runner.usage();
  if (args.includes('--json')) {
    io.out(JSON.stringify({ ok: true, ...usage }));
    return EXIT.ok;
  }
  const line = (name: string, period: typeof usage.today) => {
    const cost = period.cost === null ? 'cost unknown (set prices per model in Settings)' : `cost ${period.cost.toFixed(2)}`;
    const unpriced = period.unpriced > 0 && period.cost !== null ? ` (+${period.unpriced} job${period.unpriced === 1 ? '' : 's'} without a price)` : '';
    return `${name}: ${period.jobs} job${period.jobs === 1 ? '' : 's'}, ${period.seconds} s billed, ${cost}${unpriced}.`;
  };
  io.out(line('Today', usage.today));
  io.out(line('This month', usage.month));
  return EXIT.ok;
}
