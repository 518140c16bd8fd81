import type { View } from '../../../shared/models/app-info';

/** How each view is presented in the navigation. */
export interface ViewDescriptor {
  readonly id: View;
  readonly label: string;
  readonly shortcut: string | null;
  readonly summary: string;
}

/** The views of the frame, in navigation order. */
export const VIEWS: readonly ViewDescriptor[] = [
  { id: 'workbench', label: 'Workbench', shortcut: '1', summary: 'Write a prompt, set model, duration and aspect, add a reference image, and generate.' },
  { id: 'queue', label: 'Queue', shortcut: '2', summary: 'Every generation in flight: progress, time left, and what to do when one fails.' },
  { id: 'library', label: 'Library', shortcut: '3', summary: 'Every video you have generated, kept on this computer and searchable offline.' },
  { id: 'settings', label: 'Settings', shortcut: ',', summary: 'Your APIMart key, prices, library folder and appearance.' },
];
