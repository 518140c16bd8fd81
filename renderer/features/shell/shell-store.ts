import { create } from 'zustand';
import { createAppInfoSlice, type AppInfoSlice } from './app-info-slice';
import { createNavigationSlice, type NavigationSlice } from './navigation-slice';

/** State of the app frame: navigation and the app's identity. */
export type ShellStore = NavigationSlice & AppInfoSlice;

/** The frame's store, assembled from its slices. */
export const useShellStore = create<ShellStore>()((...args) => ({
  ...createNavigationSlice(...args),
  ...createAppInfoSlice(...args),
}));
