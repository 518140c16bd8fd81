import type { View } from '../../../shared/models/app-info';
import type { PlainMessageKey } from '../../../shared/i18n/message-types';

/** How each view is presented in the navigation. */
export interface ViewDescriptor {
  readonly id: View;
  readonly label: PlainMessageKey;
  readonly shortcut: string | null;
  readonly summary: PlainMessageKey | null;
}

/** The views of the frame, in navigation order. */
export const VIEWS: readonly ViewDescriptor[] = [
  { id: 'workbench', label: 'nav.workbench', shortcut: '1', summary: 'view.workbench.summary' },
  { id: 'queue', label: 'nav.queue', shortcut: '2', summary: 'view.queue.summary' },
  { id: 'library', label: 'nav.library', shortcut: '3', summary: 'view.library.summary' },
  { id: 'boards', label: 'nav.boards', shortcut: '4', summary: 'view.boards.summary' },
  { id: 'settings', label: 'nav.settings', shortcut: ',', summary: null },
];
