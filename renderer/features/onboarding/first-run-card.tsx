import { ExternalLink, KeyRound, X } from 'lucide-react';
import { useState } from 'react';
import { useShellStore } from '../../lib/shell-store';
import { useTranslator } from '../../i18n/use-translator';

/**
 * One compact row on the workbench while no key is set: what Reelbench needs, where to get it, and that drafting
 * works meanwhile. It can be put away for this session; it comes back next launch while there is still no key.
 */
export function FirstRunCard() {
  const translate = useTranslator();
  const { t } = translate;
  const [dismissed, setDismissed] = useState(false);
  if (dismissed) return null;
  return (
    <section className="first-run-card" data-testid="first-run" aria-labelledby="first-run-title">
      <span className="first-run-icon" aria-hidden="true">
        <KeyRound size={18} />
      </span>
      <div className="first-run-text">
        <h2 id="first-run-title">{t('firstRun.title')}</h2>
        <p>{t('firstRun.body')}</p>
      </div>
      <div className="button-row first-run-actions">
        <button type="button" className="primary" onClick={() => useShellStore.getState().showView('settings')}>
          {t('firstRun.openSettings')}
        </button>
        {/* Opened in the system browser by the shell's window-open handler. */}
        <a href="https://apimart.ai" target="_blank" rel="noreferrer" className="link-button">
          {t('firstRun.getKey')}
          <ExternalLink size={13} aria-hidden="true" />
        </a>
        <button
          type="button"
          className="ghost icon-only"
          data-testid="first-run-dismiss"
          aria-label={t('firstRun.dismiss')}
          onClick={() => setDismissed(true)}
        >
          <X size={16} aria-hidden="true" />
        </button>
      </div>
    </section>
  );
}
