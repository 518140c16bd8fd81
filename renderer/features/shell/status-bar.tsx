import { Activity, Wifi, WifiOff } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { TERMINAL_PHASES } from '../../../shared/jobs/job-models';
import { useJobsStore } from '../queue';
import { useShellStore } from '../../lib/shell-store';
import { shellSelectors } from '../../lib/shell-selectors';
import { useOnline } from '../../lib/use-online';
import { useTranslator } from '../../i18n/use-translator';
import { useErrorLine } from '../../ui/error-message';

/** The bottom strip: the network, how many jobs are running (a click opens the queue), and which build this is. */
export function StatusBar() {
  const translate = useTranslator();
  const { t } = translate;
  const { appInfo, appInfoError } = useShellStore(useShallow(shellSelectors.status));
  const online = useOnline();
  const running = useJobsStore((state) => state.jobs.filter((job) => !TERMINAL_PHASES.has(job.phase)).length);
  const errorLine = useErrorLine();

  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className={online ? 'status-item' : 'status-item status-offline'} data-testid="status-network">
        {online ? <Wifi size={13} aria-hidden="true" /> : <WifiOff size={13} aria-hidden="true" />}
        {t(online ? 'status.online' : 'status.offline')}
      </span>
      <button
        type="button"
        className="status-item status-jobs"
        data-testid="status-jobs"
        onClick={() => useShellStore.getState().showView('queue')}
      >
        <Activity size={13} aria-hidden="true" className={running > 0 ? 'spinning-pulse' : undefined} />
        {running > 0 ? t('status.running', { count: running }) : t('status.idle')}
      </button>
      <span className="status-spacer" />
      {appInfo && (
        <span data-testid="app-info">
          {appInfo.name} {appInfo.version} · {appInfo.platform} {appInfo.arch}
        </span>
      )}
      {appInfoError && (
        <span role="alert" className="status-error" data-testid="app-info-error">
          {errorLine(appInfoError)}
        </span>
      )}
      {!appInfo && !appInfoError && <span>{t('app.connecting')}</span>}
    </footer>
  );
}
