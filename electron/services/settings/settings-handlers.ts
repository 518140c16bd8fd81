import type { IpcHandlers } from '../ipc/router';
import type { SettingsStore } from './settings-store';

/** Handlers of the `settings.*` domain. */
export function createSettingsHandlers(
  settings: SettingsStore,
): Pick<IpcHandlers, 'settings.get' | 'settings.update' | 'settings.problems'> {
  return {
    'settings.problems': () => [...settings.problems()],
    'settings.get': () => settings.current(),
    'settings.update': (patch) => settings.update(patch),
  };
}
