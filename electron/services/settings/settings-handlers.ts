import type { DesktopShell } from '../desktop/desktop-shell';
import type { DomainHandlers } from '../ipc/router';
import { appError } from '../../../shared/i18n/error-text';
import type { SettingsStore } from './settings-store';

/** The host of an API address, or null when it is not one. */
const hostOf = (address: string) => (URL.canParse(address) ? new URL(address).host : null);

/**
 * Handlers of the `settings.*` domain. A new API host is confirmed by the user in a native dialog before it is
 * saved: the key goes with every request there, and the window (which may be compromised) must not be able to
 * redirect it on its own.
 */
export function createSettingsHandlers(settings: SettingsStore, desktop: DesktopShell): DomainHandlers<'settings'> {
  return {
    'settings.problems': () => [...settings.problems()],
    'settings.get': () => settings.current(),
    'settings.update': async (patch) => {
      // Stryker disable next-line ConditionalExpression: hostOf(undefined) is null as well
      const host = patch.apiBaseUrl === undefined ? null : hostOf(patch.apiBaseUrl);
      if (host !== null && host !== hostOf(settings.current().apiBaseUrl) && !(await desktop.confirmApiHost(host)))
        throw appError('invalidInput', 'error.settings.hostDeclined', { host });
      return settings.update(patch);
    },
  };
}
