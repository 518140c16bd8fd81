import { summarizeRequest } from '../../../shared/catalog/request-summary';
import { AppError } from '../../../shared/errors';
import type { Job } from '../../../shared/jobs/job-models';
import { costOf, formatMoney } from '../../../shared/text/money';
import { EXIT, type CliIo } from '../cli-io';
import type { CliContext } from '../cli-context';
import { jobByPrefix } from './job-ids';
import { isUnfinished } from './job-format';

/** What a job is charged, in words: its seconds, with their cost where the price is known. */
function chargeWords(job: Job, seconds: number | null): string {
  const billed = job.billedSeconds ?? seconds;
  if (billed === null) return 'its seconds are charged';
  const cost = job.reportedCost ?? (job.pricePerSecond === null ? null : costOf(job.pricePerSecond, billed));
  return `its ${billed} s are charged${cost === null ? '' : ` (${formatMoney(cost)})`}`;
}

/** What a cancel did, said the way the window's queue says it: a billed job's cancel says what it still costs. */
function cancelWords(job: Job, seconds: number | null): string {
  const name = `Job ${job.id.slice(0, 8)}`;
  if (job.phase === 'cancelled')
    return job.taskId === null
      ? `${name} is cancelled before it reached APIMart: nothing was charged.`
      : `${name} is cancelled. APIMart had already accepted it: ${chargeWords(job, seconds)} whether or not the video is kept.`;
  if (job.cancelRequestedAt !== null)
    return `${name} was being sent to APIMart: it is cancelled as soon as APIMart's answer is known, and if APIMart took it, ${chargeWords(job, seconds)}.`;
  return `${name} is already being saved to the library: it is paid for, and it finishes.`;
}

/** `reelbench jobs cancel ID`: stops one job (by a unique prefix of its id), here or in another Reelbench process. */
export async function cancelJob(typed: string, io: CliIo, context: CliContext, json: boolean): Promise<number> {
  const { runner } = await context.pipeline();
  const job = jobByPrefix(runner.list(), typed);
  if (!isUnfinished(job))
    throw new AppError(
      'invalidInput',
      `Job ${job.id.slice(0, 8)} has already ended (${job.phase}): nothing to cancel.`,
    );
  const after = runner.cancel(job.id);
  const seconds = summarizeRequest((await context.models()).current(), job.request.model, job.request.params).seconds;
  if (json) io.out(JSON.stringify({ ok: true, job: after }));
  else io.out(cancelWords(after, seconds));
  return EXIT.ok;
}

/** `reelbench jobs hide ID`: takes an ended job off the list (its video, if any, stays in the library). */
export async function hideJob(typed: string, io: CliIo, context: CliContext, json: boolean): Promise<number> {
  const { runner } = await context.pipeline();
  const job = jobByPrefix(runner.list(), typed);
  runner.hide(job.id);
  if (json) io.out(JSON.stringify({ ok: true, hidden: job.id }));
  else
    io.out(
      `Job ${job.id.slice(0, 8)} is hidden from the list${job.phase === 'done' ? '; its video stays in the library' : ''}.`,
    );
  return EXIT.ok;
}
