import type { ComponentType } from 'react';
import { FirstRunCard } from '../onboarding';
import { LibraryView } from '../library';
import { BoardsView } from '../boards';
import { QueueView } from '../queue';
import { WorkbenchView } from '../workbench';
import { SettingsView } from '../settings';
import { useSettingsStore } from '../../lib/settings-store';
import { useShellStore } from '../../lib/shell-store';
import { shellSelectors } from '../../lib/shell-selectors';
import { VIEW_BY_ID } from '../../../shared/models/views';
import type { View } from '../../../shared/models/app-info';
import { useTranslator } from '../../i18n/use-translator';

/** What each view shows: one entry per view of shared/models/views.ts (the type requires every one). */
const PANELS: Readonly<Record<View, ComponentType>> = {
  workbench: WorkbenchView,
  queue: QueueView,
  library: LibraryView,
  boards: BoardsView,
  settings: SettingsView,
};

/** The main area: the current view's heading and its content, which fills the rest of the window. */
export function ViewPanel() {
  const translate = useTranslator();
  const view = useShellStore(shellSelectors.view);
  const keyMissing = useSettingsStore((state) => state.keyStatus?.present === false);
  const descriptor = VIEW_BY_ID[view];
  const Content = PANELS[view];

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
        <Content />
      </div>
    </main>
  );
}
