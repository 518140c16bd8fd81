import type { ShellStore } from './shell-store';

/** Small, named reads of the shell store for components. */
export const shellSelectors = {
  view: (state: ShellStore) => state.view,
  showView: (state: ShellStore) => state.showView,
  status: (state: ShellStore) => ({ appInfo: state.appInfo, appInfoError: state.appInfoError }),
};
