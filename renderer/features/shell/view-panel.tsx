import { FirstRunCard } from '../onboarding';
import { LibraryView } from '../library';
import { BoardsView } from '../boards';
import { QueueView } from '../queue';
import { WorkbenchView } from '../workbench';
import { SettingsView } from '../settings';
import { useSettingsStore } from '../../lib/settings-store';
import { useShellStore } from '../../lib/shell-store';
import { shellSelectors } from '../../lib/shell-selectors';
import { VIEWS } from './views';
import { useTranslator } from '../../i18n/use-translator';

/** The main area: the current view's heading and its content, which fills the rest of the window. */
export function ViewPanel() {
  const translate = useTranslator();
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
      {descriptor.id === 'workbench' && keyMissing && <FirstRunCard />}
      <div className="view-body">
        {descriptor.id === 'settings' && <SettingsView />}
        {descriptor.id === 'queue' && <QueueView />}
        {descriptor.id === 'library' && <LibraryView />}
        {descriptor.id === 'boards' && <BoardsView />}
        {descriptor.id === 'workbench' && <WorkbenchView />}
      </div>
    </main>
  );
}
