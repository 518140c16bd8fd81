import type { LucideIcon } from 'lucide-react';
import type { MenuEntry } from '../../shared/models/context-menu';
import { api, unwrap } from './bridge';

/**
 * Something the user can do to a thing. One list per thing serves both its buttons and its context menu, so the
 * two never drift apart: `menuOnly` entries are not buttons (Copy prompt), `buttonOnly` ones not menu entries (Close).
 */
export interface UiAction {
  readonly id: string;
  readonly label: string;
  /** Runs it; it reports its own failure (as a notice), so a click handler never sees one. */
  readonly run: () => unknown;
  readonly enabled?: boolean;
  readonly testId?: string;
  readonly tone?: 'primary' | 'danger';
  /** Its icon, on its button (the context menu is the OS's and has none). */
  readonly icon?: LucideIcon;
  readonly menuOnly?: boolean;
  readonly buttonOnly?: boolean;
}

/** A thing's actions in menu order; `'separator'` groups them in a menu, `false` leaves one out. */
export type ActionList = readonly (UiAction | 'separator' | false)[];

/** The actions that are buttons, in order. */
export function buttonActions(actions: ActionList): UiAction[] {
  return actions.filter((action): action is UiAction => typeof action === 'object' && !action.menuOnly);
}

/**
 * Shows the actions as a native context menu at the pointer and runs the one picked (nothing when it is dismissed).
 * Labels are already in the reader's language; the main process only draws the menu.
 */
export async function showActionMenu(actions: ActionList): Promise<void> {
  const entries = actions.filter(
    (action): action is UiAction | 'separator' => action === 'separator' || (action !== false && !action.buttonOnly),
  );
  const items: MenuEntry[] = entries.map((action) =>
    action === 'separator'
      ? { separator: true }
      : { id: action.id, label: action.label, ...(action.enabled === false ? { enabled: false } : {}) },
  );
  const { chosen } = await unwrap(api().app.contextMenu({ items }));
  const picked = entries.find((action): action is UiAction => action !== 'separator' && action.id === chosen);
  await picked?.run();
}
