import type { View } from '../../../shared/models/app-info';
import type { Slice } from '../../lib/store-types';
import type { ShellStore } from './shell-store';

/** Which view of the frame is showing. */
export interface NavigationSlice {
  readonly view: View;
  showView(view: View): void;
}

/** Starts on the workbench, where creators spend most of their time. */
export const createNavigationSlice: Slice<ShellStore, NavigationSlice> = (set) => ({
  view: 'workbench',
  showView: (view) => set({ view }),
});
