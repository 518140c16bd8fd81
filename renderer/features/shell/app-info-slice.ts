import type { AppErrorData } from '../../../shared/errors';
import type { AppInfo } from '../../../shared/models/app-info';
import { api, toErrorData, unwrap } from '../../lib/bridge';
import type { Slice } from '../../lib/store-types';
import type { ShellStore } from './shell-store';

/** The running app's identity, fetched once from the main process. */
export interface AppInfoSlice {
  readonly appInfo: AppInfo | null;
  readonly appInfoError: AppErrorData | null;
  loadAppInfo(): Promise<void>;
}

/** Loads `app.info`; a failure is kept as a readable error for the status bar, never thrown at React. */
export const createAppInfoSlice: Slice<ShellStore, AppInfoSlice> = (set) => ({
  appInfo: null,
  appInfoError: null,
  loadAppInfo: async () => {
    try {
      set({ appInfo: await unwrap(api().app.info()), appInfoError: null });
    } catch (error) {
      set({ appInfoError: toErrorData(error) });
    }
  },
});
