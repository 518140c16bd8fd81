import type { View } from '../../../shared/models/app-info';
import type { MessageKey } from '../../i18n/messages-en';

/** How each view is presented in the navigation. */
export interface ViewDescriptor {
  readonly id: View;
  readonly label: MessageKey;
  readonly shortcut: string | null;
  readonly summary: MessageKey | null;
}

/** The views of the frame, in navigation order. */
export const VIEWS: readonly ViewDescriptor[] = [
  { id: 'workbench', label: 'nav.workbench', shortcut: '1', summary: 'view.workbench.summary' },
  { id: 'queue', label: 'nav.queue', shortcut: '2', summary: 'view.queue.summary' },
  { id: 'library', label: 'nav.library', shortcut: '3', summary: 'view.library.summary' },
  { id: 'settings', label: 'nav.settings', shortcut: ',', summary: null },
];
