// The frame's parts: navigation, the view panel, the status bar: what the rest of the window may use of this feature (nothing else of it).
export { NavSidebar } from './nav-sidebar';
export { OfflineBanner } from './offline-banner';
export { StatusBar } from './status-bar';
export { useAppearance } from './use-appearance';
export { useShellBootstrap } from './use-shell-bootstrap';
export { ViewPanel } from './view-panel';
