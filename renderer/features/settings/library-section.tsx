import { useSettingsStore } from './settings-store';
import { useTranslator } from '../../i18n/use-translator';

/** Where the library is, and moving it (a native folder picker, then a resumable move). */
export function LibrarySection() {
  const translate = useTranslator();
  const { t } = translate;
  const location = useSettingsStore((state) => state.location);
  const busy = useSettingsStore((state) => state.busy);
  return (
    <section className="settings-section" aria-labelledby="settings-library">
      <h2 id="settings-library">{t('settings.library.heading')}</h2>
      {location && (
        <p data-testid="library-location">
          {t('settings.library.location', { path: location.path })}{' '}
          {location.isDefault ? t('settings.library.default') : ''}
        </p>
      )}
      <button type="button" disabled={busy} onClick={() => void useSettingsStore.getState().moveLibrary()}>
        {t('settings.library.move')}
      </button>
    </section>
  );
}
