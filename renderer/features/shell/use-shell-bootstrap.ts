import { useEffect } from 'react';
import { listen } from '../../lib/bridge';
import { useJobsStore } from '../queue';
import { useSettingsStore } from '../../lib/settings-store';
import { useShellStore } from '../../lib/shell-store';

/** Once per mount: load the app's identity, follow navigation requests from the app menu, wake waiting jobs online. */
export function useShellBootstrap(): void {
  useEffect(() => {
    // Jobs waiting for the network retry at once when the OS says it is back, not at their next scheduled try.
    const wake = () => void useJobsStore.getState().nudge();
    window.addEventListener('online', wake);
    return () => window.removeEventListener('online', wake);
  }, []);
  useEffect(() => {
    const { loadAppInfo, showView } = useShellStore.getState();
    void loadAppInfo();
    void useSettingsStore.getState().load();
    // Outside Reelbench, loadAppInfo has already recorded a readable error.
    return listen((bridge) => [bridge.app.onNavigate(({ view }) => showView(view))]) ?? undefined;
  }, []);
}
