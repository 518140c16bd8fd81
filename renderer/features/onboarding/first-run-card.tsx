import { useShellStore } from '../shell/shell-store';
import { useTranslator } from '../../i18n/use-translator';

/** Shown on the workbench while no key is set: what Reelbench needs, where to get it, and that drafting works meanwhile. */
export function FirstRunCard() {
  const translate = useTranslator();
  const { t } = translate;
  return (
    <section className="first-run-card" data-testid="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">{t('firstRun.title')}</h2>
      <p>{t('firstRun.body')}</p>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => useShellStore.getState().showView('settings')}>
          {t('firstRun.openSettings')}
        </button>
        {/* Opened in the system browser by the shell's window-open handler. */}
        <a href="https://apimart.ai" target="_blank" rel="noreferrer">
          {t('firstRun.getKey')}
        </a>
      </div>
    </section>
  );
}
