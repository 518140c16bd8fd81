import type { Job } from '../../../../shared/jobs/job-models';
import { costOf } from '../../../../shared/text/money';
import type { CliContext } from '../../cli-context';

/** The URI of a job as a resource (subscribe to it to hear when it ends). */
export const jobUri = (id: string) => `reelbench://job/${id}`;
/** The URI of a library video as a resource. */
export const videoUri = (id: string) => `reelbench://video/${id}`;

/** A job as an agent reads it: where it is, why it waits, what it costs, and its video once filed. */
export async function jobFacts(job: Job, context: CliContext): Promise<Record<string, unknown>> {
  const video =
    job.phase === 'done' && job.libraryItemId
      ? {
          videoId: job.libraryItemId,
          path: await (await context.library()).current().mediaFile('video', job.libraryItemId),
        }
      : { videoId: null, path: null };
  const seconds = job.billedSeconds;
  return {
    jobId: job.id,
    uri: jobUri(job.id),
    phase: job.phase,
    progress: job.progress,
    waitingFor: job.waiting,
    etaSeconds: job.etaSeconds,
    model: job.request.model,
    cost:
      job.reportedCost ??
      (job.pricePerSecond === null || seconds === null ? null : costOf(job.pricePerSecond, seconds)),
    error: job.error ? { code: job.error.code, message: job.error.message, action: job.error.action ?? null } : null,
    ...video,
    ...(video.videoId ? { videoUri: videoUri(video.videoId) } : {}),
  };
}

/** One line of a job for the model to read. */
export function jobLine(facts: Record<string, unknown>): string {
  const phase = String(facts['phase']);
  if (phase === 'done')
    return `Job ${String(facts['jobId'])} is done: ${String(facts['path'])} (video ${String(facts['videoId'])}).`;
  const error = facts['error'] as { message: string; action: string | null } | null;
  if (error && (phase === 'failed' || phase === 'cancelled'))
    return `Job ${String(facts['jobId'])} ${phase}: ${error.message}${error.action ? ` ${error.action}` : ''}`;
  const waiting = facts['waitingFor'] ? `, waiting for ${String(facts['waitingFor'])}` : '';
  return `Job ${String(facts['jobId'])} is ${phase} (${String(facts['progress'])}%${waiting}). Ask again in 10–30 s.`;
}
