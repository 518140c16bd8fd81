import type { AppInfo } from '../../../shared/models/app-info';
import type { IpcHandlers } from '../ipc/router';

/** Handlers of the `app.*` domain. */
export function createAppHandlers(identity: AppInfo): Pick<IpcHandlers, 'app.info'> {
  return {
    'app.info': () => identity,
  };
}
