import { FolderInput, HardDrive } from 'lucide-react';
import { useSettingsStore } from '../../lib/settings-store';
import { SettingRow, SettingsSection } from './setting-row';
import { useTranslator } from '../../i18n/use-translator';

/** Where the library is, and moving it (a native folder picker, then a resumable move). */
export function LibrarySection() {
  const translate = useTranslator();
  const { t } = translate;
  const location = useSettingsStore((state) => state.location);
  const busy = useSettingsStore((state) => state.busy);
  return (
    <SettingsSection id="settings-library" title={t('settings.library.heading')} icon={<HardDrive size={16} />}>
      <SettingRow label={t('settings.library.folder')}>
        {location && (
          <p data-testid="library-location" className="library-location">
            <code>{location.path}</code> {location.isDefault ? t('settings.library.default') : ''}
          </p>
        )}
        <div className="button-row">
          <button type="button" disabled={busy} onClick={() => void useSettingsStore.getState().moveLibrary()}>
            <FolderInput size={15} aria-hidden="true" />
            {t('settings.library.move')}
          </button>
        </div>
      </SettingRow>
    </SettingsSection>
  );
}
