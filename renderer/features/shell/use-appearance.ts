import { useEffect } from 'react';
import { useSettingsStore } from '../../lib/settings-store';
import type { Translator } from '../../../shared/i18n/translator';

/** Applies the theme (light, dark, or the OS's) and the document language. */
export function useAppearance(translate: Translator): void {
  const theme = useSettingsStore((state) => state.settings?.theme ?? 'system');
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset['theme'];
    else root.dataset['theme'] = theme;
  }, [theme]);
  useEffect(() => {
    document.documentElement.lang = translate.language;
  }, [translate.language]);
}
