import { AppearanceSection } from './appearance-section';
import { ConnectionSection } from './connection-section';
import { GenerationSection } from './generation-section';
import { KeySection } from './key-section';
import { LibrarySection } from './library-section';
import { useSettingsStore } from './settings-store';
import { useTranslator } from '../../i18n/use-translator';
import { useErrorLine } from '../../app/error-message';

/** The Settings screen. */
export function SettingsView() {
  const translate = useTranslator();
  const errorLine = useErrorLine();
  const notice = useSettingsStore((state) => state.notice);
  const fileProblems = useSettingsStore((state) => state.fileProblems);
  return (
    <div className="settings-view">
      {fileProblems.length > 0 && (
        <div role="alert" className="notice settings-file-problems" data-testid="settings-file-problems">
          {fileProblems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}
      <div
        role="status"
        aria-live="polite"
        data-testid="settings-notice"
        className={notice?.kind === 'error' ? 'notice notice-error' : 'notice'}
      >
        {notice?.kind === 'ok' && translate.format(notice.key, notice.values)}
        {notice?.kind === 'error' && errorLine(notice.error)}
      </div>
      <KeySection />
      <ConnectionSection />
      <GenerationSection />
      <AppearanceSection />
      <LibrarySection />
    </div>
  );
}
