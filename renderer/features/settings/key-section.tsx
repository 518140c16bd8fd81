import { useState, type FormEvent, type ReactNode } from 'react';
import { useSettingsStore } from './settings-store';
import { useTranslator } from '../../i18n/use-translator';
import { useErrorLine } from '../../app/error-message';

/** A sentence with `commands` in backticks, the commands shown as code. */
function withCode(text: string): ReactNode[] {
  return text.split('`').map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part));
}

/** Set, replace, clear and test the API key. Only the last four characters are ever shown. */
export function KeySection() {
  const translate = useTranslator();
  const { t } = translate;
  const keyStatus = useSettingsStore((state) => state.keyStatus);
  const keyProblem = useSettingsStore((state) => state.keyProblem);
  const busy = useSettingsStore((state) => state.busy);
  const { saveKey, clearKey, testKey } = useSettingsStore.getState();
  const [draft, setDraft] = useState('');
  const errorLine = useErrorLine();

  // Without its keychain module nothing can be saved: the form says so by being off, not by failing.
  const unusable = keyProblem?.code === 'keychainModuleMissing';
  const state = keyProblem
    ? keyProblem.code === 'keychainModuleMissing'
      ? t('settings.key.moduleMissing')
      : errorLine(keyProblem)
    : !keyStatus?.present
      ? t('settings.key.stateNone')
      : t(keyStatus.source === 'environment' ? 'settings.key.stateEnvironment' : 'settings.key.stateKeychain', {
          hint: keyStatus.hint ?? '',
        });

  async function submit(event: FormEvent) {
    event.preventDefault();
    // The field is emptied whether or not the save worked: the key must not linger in the page.
    const value = draft;
    setDraft('');
    await saveKey(value);
  }

  return (
    <section className="settings-section" aria-labelledby="settings-key">
      <h2 id="settings-key">{t('settings.key.heading')}</h2>
      <p
        className={keyProblem ? 'key-state key-problem' : 'key-state'}
        data-testid="key-state"
        role={keyProblem ? 'alert' : undefined}
      >
        {withCode(state)}
      </p>
      <form onSubmit={submit} className="field-row">
        <label htmlFor="api-key">{t('settings.key.label')}</label>
        <input
          id="api-key"
          data-testid="key-input"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={draft}
          disabled={unusable}
          placeholder={t('settings.key.placeholder')}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button
          type="submit"
          className="primary"
          data-testid="key-save"
          disabled={busy || unusable || draft.trim() === ''}
        >
          {keyStatus?.present ? t('settings.key.replace') : t('settings.key.save')}
        </button>
      </form>
      <div className="button-row">
        <button
          type="button"
          data-testid="key-test"
          disabled={busy || !keyStatus?.present}
          onClick={() => void testKey()}
        >
          {busy ? t('settings.key.testing') : t('settings.key.test')}
        </button>
        <button
          type="button"
          data-testid="key-clear"
          disabled={busy || keyStatus?.source !== 'keychain'}
          onClick={() => void clearKey()}
        >
          {t('settings.key.clear')}
        </button>
      </div>
      <p className="hint">{t('settings.key.note')}</p>
    </section>
  );
}
