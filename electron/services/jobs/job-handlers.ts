import type { IpcHandlers } from '../ipc/router';
import type { JobRunner } from './job-runner';

/** Handlers of the `jobs.*` domain. */
export function createJobHandlers(
  runner: JobRunner,
): Pick<
  IpcHandlers,
  'jobs.list' | 'jobs.enqueue' | 'jobs.cancel' | 'jobs.retry' | 'jobs.hide' | 'jobs.usage' | 'jobs.nudge'
> {
  return {
    'jobs.list': () => runner.list(),
    'jobs.enqueue': (request) => runner.enqueue(request),
    'jobs.cancel': ({ id }) => runner.cancel(id),
    'jobs.retry': ({ id }) => runner.retry(id),
    'jobs.hide': ({ id }) => {
      runner.hide(id);
      return undefined;
    },
    'jobs.usage': () => runner.usage(),
    'jobs.nudge': () => {
      runner.nudge();
      return undefined;
    },
  };
}
