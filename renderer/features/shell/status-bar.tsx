import { useShallow } from 'zustand/react/shallow';
import { useShellStore } from './shell-store';
import { shellSelectors } from './shell-selectors';
import { useTranslator } from '../../i18n/use-translator';
import { useErrorLine } from '../../app/error-message';

/** The bottom strip: which build is running, or why the main process could not be reached. */
export function StatusBar() {
  const translate = useTranslator();
  const { appInfo, appInfoError } = useShellStore(useShallow(shellSelectors.status));
  const errorLine = useErrorLine();

  return (
    <footer className="status-bar" data-testid="status-bar">
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
      {!appInfo && !appInfoError && <span>{translate.t('app.connecting')}</span>}
    </footer>
  );
}
