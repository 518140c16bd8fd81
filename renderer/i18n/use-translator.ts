import { useMemo } from 'react';
import { useSettingsStore } from '../features/settings/settings-store';
import { resolveLanguage, translator, type Translator } from './i18n';

/** The translator for the language in Settings (or the system's). */
export function useTranslator(): Translator {
  const setting = useSettingsStore((state) => state.settings?.language ?? 'system');
  return useMemo(() => translator(resolveLanguage(setting, navigator.languages)), [setting]);
}
