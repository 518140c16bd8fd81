import { usePosterBackfill } from '../features/library/use-poster-backfill';
import { NavSidebar } from '../features/shell/nav-sidebar';
import { StatusBar } from '../features/shell/status-bar';
import { useShellBootstrap } from '../features/shell/use-shell-bootstrap';
import { ViewPanel } from '../features/shell/view-panel';

/** The window's layout: navigation on the left, the current view, a status bar at the bottom. */
export function AppFrame() {
  useShellBootstrap();
  usePosterBackfill();
  return (
    <div className="app-frame" data-testid="app-frame">
      <NavSidebar />
      <ViewPanel />
      <StatusBar />
    </div>
  );
}
