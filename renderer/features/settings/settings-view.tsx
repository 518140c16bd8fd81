import { AppearanceSection } from './appearance-section';
import { ConnectionSection } from './connection-section';
import { GenerationSection } from './generation-section';
import { KeySection } from './key-section';
import { LibrarySection } from './library-section';
import { UsageSection } from './usage-section';
import { useSettingsStore } from '../../lib/settings-store';
import { translateRef } from '../../../shared/i18n/error-text';
import { useTranslator } from '../../i18n/use-translator';

/** The Settings screen: one column of aligned sections, scrolling in its panel. */
export function SettingsView() {
  const translate = useTranslator();
  const fileProblems = useSettingsStore((state) => state.fileProblems);
  return (
    <div className="view-scroll">
      <div className="settings-view">
        {fileProblems.length > 0 && (
          <div role="alert" className="notice settings-file-problems" data-testid="settings-file-problems">
            {fileProblems.map((problem) => (
              <p key={problem.message}>
                {problem.text
                  ? [translateRef(translate, problem.text), translateRef(translate, problem.moreText)]
                      .filter(Boolean)
                      .join(' ')
                  : problem.message}
              </p>
            ))}
          </div>
        )}
        <KeySection />
        <ConnectionSection />
        <GenerationSection />
        <UsageSection />
        <AppearanceSection />
        <LibrarySection />
      </div>
    </div>
  );
}
