import { Globe } from 'lucide-react';
import { useState } from 'react';
import { useSettingsStore } from '../../lib/settings-store';
import { SettingRow, SettingsSection } from './setting-row';
import { useTranslator } from '../../i18n/use-translator';

/** The API address (https, or http on this computer for testing). */
export function ConnectionSection() {
  const translate = useTranslator();
  const { t } = translate;
  const saved = useSettingsStore((state) => state.settings?.apiBaseUrl ?? '');
  const [value, setValue] = useState<string | null>(null);
  const shown = value ?? saved;
  return (
    <SettingsSection id="settings-connection" title={t('settings.connection.heading')} icon={<Globe size={16} />}>
      <SettingRow label={t('settings.baseUrl.label')} htmlFor="base-url">
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void useSettingsStore
              .getState()
              .update({ apiBaseUrl: shown })
              .then(() => setValue(null));
          }}
        >
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
      </SettingRow>
    </SettingsSection>
  );
}
