import { AppearanceSection } from './appearance-section';
import { ConnectionSection } from './connection-section';
import { GenerationSection } from './generation-section';
import { KeySection } from './key-section';
import { LibrarySection } from './library-section';
import { useSettingsStore } from './settings-store';

/** The Settings screen. */
export function SettingsView() {
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
      <KeySection />
      <ConnectionSection />
      <GenerationSection />
      <AppearanceSection />
      <LibrarySection />
    </div>
  );
}
