import type { AppInfo } from '../../../shared/models/app-info';
import type { DomainHandlers } from '../ipc/router';
import type { DesktopShell } from '../desktop/desktop-shell';

/** Handlers of the `app.*` domain. */
export function createAppHandlers(identity: AppInfo, desktop: Pick<DesktopShell, 'showMenu'>): DomainHandlers<'app'> {
  return {
    'app.info': () => identity,
    'app.contextMenu': async ({ items }) => ({ chosen: await desktop.showMenu(items) }),
  };
}
