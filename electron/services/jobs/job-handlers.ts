import type { DomainHandlers } from '../ipc/router';
import type { JobRunner } from './job-runner';

/** Handlers of the `jobs.*` domain. */
export function createJobHandlers(runner: JobRunner): DomainHandlers<'jobs'> {
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
