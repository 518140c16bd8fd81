import type { ImageTokens } from '../images/image-tokens';
import type { DomainHandlers } from '../ipc/router';
import type { JobRunner } from './job-runner';

/** Handlers of the `jobs.*` domain; a request's images are tokens main issued, looked up before anything runs. */
export function createJobHandlers(runner: JobRunner, tokens: ImageTokens): DomainHandlers<'jobs'> {
  return {
    'jobs.list': () => runner.list(),
    'jobs.enqueue': (request) =>
      runner.enqueue({
        ...request,
        images: (request.images ?? []).map((image) => ({ ...image, path: tokens.fileOf(image.path) })),
      }),
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
