import { useTranslator } from '../i18n/use-translator';
import { usePosterBackfill } from '../features/library';
import { useJobsFeed } from '../features/queue';
import { useModelsFeed } from '../features/models';
import { NavSidebar, OfflineBanner, StatusBar, useAppearance, useShellBootstrap, ViewPanel } from '../features/shell';
import { TipProvider } from '../ui/tip';
import { NoticeToasts } from './notice-toasts';
import { CompareView } from '../features/compare';
import { ScriptDialog } from '../features/boards';

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
