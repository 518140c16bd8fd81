import { useState } from 'react';
import { useSettingsStore } from './settings-store';
import { useTranslator } from '../../i18n/use-translator';

/** The API address (https, or http on this computer for testing). */
export function ConnectionSection() {
  const translate = useTranslator();
  const { t } = translate;
  const saved = useSettingsStore((state) => state.settings?.apiBaseUrl ?? '');
  const [value, setValue] = useState<string | null>(null);
  const shown = value ?? saved;
  return (
    <section className="settings-section" aria-labelledby="settings-connection">
      <h2 id="settings-connection">{t('settings.connection.heading')}</h2>
      <form
        className="field-row"
        onSubmit={(event) => {
          event.preventDefault();
          void useSettingsStore
            .getState()
            .update({ apiBaseUrl: shown })
            .then(() => setValue(null));
        }}
      >
        <label htmlFor="base-url">{t('settings.baseUrl.label')}</label>
        <input
          id="base-url"
          data-testid="base-url"
          type="url"
          value={shown}
          onChange={(event) => setValue(event.target.value)}
        />
        <button type="submit" disabled={shown === saved}>
          {t('settings.save')}
        </button>
      </form>
    </section>
  );
}
