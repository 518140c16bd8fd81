import { useEffect } from 'react';
import { api } from '../../lib/bridge';
import { useSettingsStore } from '../settings/settings-store';
import { useShellStore } from './shell-store';

/** Once per mount: load the app's identity and follow navigation requests from the app menu. */
export function useShellBootstrap(): void {
  useEffect(() => {
    const { loadAppInfo, showView } = useShellStore.getState();
    void loadAppInfo();
    void useSettingsStore.getState().load();
    try {
      return api().app.onNavigate(({ view }) => showView(view));
    } catch {
      return undefined; // Not inside Reelbench: loadAppInfo has already recorded a readable error.
    }
  }, []);
}
