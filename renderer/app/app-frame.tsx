import { useTranslator } from '../i18n/use-translator';
import { usePosterBackfill } from '../features/library/use-poster-backfill';
import { useJobsFeed } from '../features/queue/use-jobs-feed';
import { useModelsFeed } from '../features/models/use-models-feed';
import { NavSidebar } from '../features/shell/nav-sidebar';
import { OfflineBanner } from '../features/shell/offline-banner';
import { StatusBar } from '../features/shell/status-bar';
import { useAppearance } from '../features/shell/use-appearance';
import { useShellBootstrap } from '../features/shell/use-shell-bootstrap';
import { ViewPanel } from '../features/shell/view-panel';
import { TipProvider } from '../ui/tip';
import { NoticeToasts } from './notice-toasts';
import { CompareView } from '../features/compare/compare-view';
import { ScriptDialog } from '../features/script/script-dialog';

/** The window's layout: navigation on the left, the current view, a status bar at the bottom. */
export function AppFrame() {
  const translate = useTranslator();
  useShellBootstrap();
  useAppearance(translate);
  usePosterBackfill();
  useJobsFeed();
  useModelsFeed();
  return (
    <TipProvider>
      <div className="app-frame" data-testid="app-frame">
        <NavSidebar />
        <div className="main-column">
          <OfflineBanner />
          <ViewPanel />
        </div>
        <StatusBar />
        <NoticeToasts />
        <CompareView />
        <ScriptDialog />
      </div>
    </TipProvider>
  );
}
