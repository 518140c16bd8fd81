import { KeyRound } from 'lucide-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { errorText } from '../../../shared/i18n/error-text';
import { useSettingsStore } from '../../lib/settings-store';
import { SettingRow, SettingsSection } from './setting-row';
import { useTranslator } from '../../i18n/use-translator';
import { useErrorLine } from '../../ui/error-message';

/** A sentence with `commands` in backticks, the commands shown as code. */
function withCode(text: string): ReactNode[] {
  return text.split('`').map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part));
}

/** Set, replace, clear and test the API key; each result beside its buttons. Only the last four characters show. */
export function KeySection() {
  const translate = useTranslator();
  const { t } = translate;
  const keyStatus = useSettingsStore((state) => state.keyStatus);
  const keyProblem = useSettingsStore((state) => state.keyProblem);
  const keyResult = useSettingsStore((state) => state.keyResult);
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
  const result = keyResult
    ? 'error' in keyResult.text
      ? Object.values(errorText(translate, keyResult.text.error)).filter(Boolean).join(' ')
      : 'message' in keyResult.text
        ? (translate.format(keyResult.text.message.key, keyResult.text.message.params) ?? '')
        : t(keyResult.text.key)
    : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    // The field is emptied whether or not the save worked: the key must not linger in the page.
    const value = draft;
    setDraft('');
    await saveKey(value);
  }

  return (
    <SettingsSection id="settings-key" title={t('settings.key.heading')} icon={<KeyRound size={16} />}>
      <p
        className={keyProblem ? 'key-state key-problem' : keyStatus?.present ? 'key-state key-set' : 'key-state'}
        data-testid="key-state"
        role={keyProblem ? 'alert' : undefined}
      >
        {withCode(state)}
      </p>
      <SettingRow label={t('settings.key.label')} htmlFor="api-key" hint={t('settings.key.note')}>
        <form onSubmit={submit} className="inline-form">
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
            className="danger"
            data-testid="key-clear"
            disabled={busy || keyStatus?.source !== 'keychain'}
            onClick={() => void clearKey()}
          >
            {t('settings.key.clear')}
          </button>
          {result && (
            <span
              className={keyResult?.failed ? 'setting-result failed' : 'setting-result'}
              role={keyResult?.failed ? 'alert' : 'status'}
              data-testid="key-result"
            >
              {result}
            </span>
          )}
        </div>
      </SettingRow>
    </SettingsSection>
  );
}
