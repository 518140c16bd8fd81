import { useMemo } from 'react';
import { resolveLanguage, translator, type Translator } from '../../shared/i18n/translator';
import { useSettingsStore } from '../lib/settings-store';

/** The translator for the language in Settings (or the system's). */
export function useTranslator(): Translator {
  const setting = useSettingsStore((state) => state.settings?.language ?? 'system');
  return useMemo(() => translator(resolveLanguage(setting, navigator.languages)), [setting]);
}
