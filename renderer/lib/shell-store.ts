import { create } from 'zustand';
import type { AppErrorData } from '../../shared/errors';
import type { AppInfo, View } from '../../shared/models/app-info';
import { api, failureOf, unwrap } from './bridge';

/** State of the app frame: which view is showing, and the running app's identity. */
export interface ShellStore {
  readonly view: View;
  showView(view: View): void;
  readonly appInfo: AppInfo | null;
  /** Why `app.info` failed, kept readable for the status bar, never thrown at React. */
  readonly appInfoError: AppErrorData | null;
  loadAppInfo(): Promise<void>;
}

/** The frame's store. It starts on the workbench, where creators spend most of their time. */
export const useShellStore = create<ShellStore>()((set) => ({
  view: 'workbench',
  showView: (view) => set({ view }),
  appInfo: null,
  appInfoError: null,
  loadAppInfo: async () => {
    set({ appInfoError: await failureOf(async () => set({ appInfo: await unwrap(api().app.info()) })) });
  },
}));
