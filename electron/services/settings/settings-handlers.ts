import type { DomainHandlers } from '../ipc/router';
import type { SettingsStore } from './settings-store';

/** Handlers of the `settings.*` domain. */
export function createSettingsHandlers(settings: SettingsStore): DomainHandlers<'settings'> {
  return {
    'settings.problems': () => [...settings.problems()],
    'settings.get': () => settings.current(),
    'settings.update': (patch) => settings.update(patch),
  };
}
