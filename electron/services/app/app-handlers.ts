import type { AppInfo } from '../../../shared/models/app-info';
import type { IpcHandlers } from '../ipc/router';
import type { DesktopShell } from '../library/desktop-shell';

/** Handlers of the `app.*` domain. */
export function createAppHandlers(
  identity: AppInfo,
  desktop: Pick<DesktopShell, 'showMenu'>,
): Pick<IpcHandlers, 'app.info' | 'app.contextMenu'> {
  return {
    'app.info': () => identity,
    'app.contextMenu': async ({ items }) => ({ chosen: await desktop.showMenu(items) }),
  };
}
