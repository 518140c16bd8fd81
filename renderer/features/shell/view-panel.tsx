import type { Translator } from '../../i18n/i18n';
import { FirstRunCard } from '../onboarding/first-run-card';
import { LibraryView } from '../library/library-view';
import { QueueView } from '../queue/queue-view';
import { WorkbenchView } from '../workbench/workbench-view';
import { SettingsView } from '../settings/settings-view';
import { useSettingsStore } from '../settings/settings-store';
import { useShellStore } from './shell-store';
import { shellSelectors } from './shell-selectors';
import { VIEWS } from './views';

/** The main area: the current view's heading and content. */
export function ViewPanel({ translate }: { translate: Translator }) {
  const view = useShellStore(shellSelectors.view);
  const keyMissing = useSettingsStore((state) => state.keyStatus?.present === false);
  const descriptor = VIEWS.find((item) => item.id === view) ?? VIEWS[0];
  if (!descriptor) return null;

  return (
    <main
      className={`view-panel view-panel-${descriptor.id}`}
      data-testid={`view-${descriptor.id}`}
      aria-labelledby="view-title"
    >
      <header className="view-header">
        <h1 id="view-title">{translate.t(descriptor.label)}</h1>
      </header>
      {descriptor.id === 'workbench' && keyMissing && <FirstRunCard translate={translate} />}
      {descriptor.id === 'settings' && <SettingsView translate={translate} />}
      {descriptor.id === 'queue' && <QueueView translate={translate} />}
      {descriptor.id === 'library' && <LibraryView translate={translate} />}
      {descriptor.id === 'workbench' && <WorkbenchView translate={translate} />}
    </main>
  );
}
