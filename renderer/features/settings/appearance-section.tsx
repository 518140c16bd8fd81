import { Palette } from 'lucide-react';
import { LANGUAGES, type Language } from '../../../shared/i18n/languages';
import { useSettingsStore } from '../../lib/settings-store';
import { SettingRow, SettingsSection } from './setting-row';
import { useTranslator } from '../../i18n/use-translator';
import { SelectMenu } from '../../ui/select-menu';
import { SegmentedControl } from '../../ui/segmented-control';

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
    <SettingsSection id="settings-appearance" title={t('settings.appearance.heading')} icon={<Palette size={16} />}>
      <SettingRow label={t('settings.language.label')} htmlFor="language">
        <SelectMenu
          id="language"
          testId="language"
          value={settings.language}
          onChange={(language) => void update({ language })}
          choices={[
            { value: 'system' as const, label: t('settings.language.system') },
            ...LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language], lang: language })),
          ]}
        />
      </SettingRow>
      <SettingRow label={t('settings.theme.label')} labelId="theme-label">
        <SegmentedControl
          labelledBy="theme-label"
          value={settings.theme}
          onChange={(theme) => void update({ theme: theme as typeof settings.theme })}
          segments={(['system', 'light', 'dark'] as const).map((theme) => ({
            value: theme,
            label: t(`settings.theme.${theme}`),
            testId: `theme-${theme}`,
          }))}
        />
      </SettingRow>
    </SettingsSection>
  );
}
