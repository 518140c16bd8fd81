import { LANGUAGES, type Language } from '../../../shared/i18n/languages';
import { useSettingsStore } from './settings-store';
import { useTranslator } from '../../i18n/use-translator';

// Each language named in itself, so a reader finds their own whatever the window is in.
const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  ko: '한국어',
  ja: '日本語',
  zh: '简体中文',
};

/** Language and theme. Language names are shown in their own language, as is customary. */
export function AppearanceSection() {
  const translate = useTranslator();
  const { t } = translate;
  const settings = useSettingsStore((state) => state.settings);
  const { update } = useSettingsStore.getState();
  if (!settings) return null;
  return (
    <section className="settings-section" aria-labelledby="settings-appearance">
      <h2 id="settings-appearance">{t('settings.appearance.heading')}</h2>
      <div className="field-row">
        <label htmlFor="language">{t('settings.language.label')}</label>
        <select
          id="language"
          data-testid="language"
          value={settings.language}
          onChange={(event) => void update({ language: event.target.value as typeof settings.language })}
        >
          <option value="system">{t('settings.language.system')}</option>
          {LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {LANGUAGE_NAMES[language]}
            </option>
          ))}
        </select>
      </div>
      <div className="field-row">
        <label htmlFor="theme">{t('settings.theme.label')}</label>
        <select
          id="theme"
          data-testid="theme"
          value={settings.theme}
          onChange={(event) => void update({ theme: event.target.value as typeof settings.theme })}
        >
          <option value="system">{t('settings.theme.system')}</option>
          <option value="light">{t('settings.theme.light')}</option>
          <option value="dark">{t('settings.theme.dark')}</option>
        </select>
      </div>
    </section>
  );
}
