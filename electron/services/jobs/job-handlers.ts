import type { ImageGrants } from '../images/image-grants';
import type { DomainHandlers } from '../ipc/router';
import type { JobRunner } from './job-runner';

/** Handlers of the `jobs.*` domain. */
/** Handlers of the `jobs.*` domain; the images a request names must be ones the window may name. */
export function createJobHandlers(runner: JobRunner, grants: ImageGrants): DomainHandlers<'jobs'> {
  return {
    'jobs.list': () => runner.list(),
    'jobs.enqueue': (request) => {
      for (const image of request.images ?? []) grants.check(image.path);
      return runner.enqueue(request);
    },
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
