import type { JobRequestInput } from '../../shared/jobs/job-models';
import { eventually } from './eventually';
import type { RunnerSetup } from './runner-setup';

/**
 * A job left as a process leaves it when it stops between a cancel request and writing the cancel: unsent (it waited
 * for money), its runner stopped, a cancel asked for. Needs a setup whose balance cannot pay for the request.
 */
export async function jobLeftWithCancelAsked(setup: RunnerSetup, request: JobRequestInput): Promise<string> {
  const job = setup.runner.enqueue(request);
  await eventually(() => setup.runner.get(job.id).waiting === 'balance', 'the job to wait for money');
  await setup.runner.stop();
  const stored = setup.store.get(job.id);
  if (!stored) throw new Error('the job is stored');
  setup.store.save({ ...stored, job: { ...stored.job, cancelRequestedAt: new Date().toISOString() } });
  return job.id;
}
