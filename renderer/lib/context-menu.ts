import type { MenuEntry } from '../../shared/models/context-menu';
import { api, unwrap } from './bridge';

/** A context menu entry with what it does; `null` draws a separator. */
export type MenuAction = { readonly label: string; readonly run: () => unknown; readonly enabled?: boolean } | null;

/**
 * Shows a native context menu of `actions` at the pointer and runs the one the user picks (nothing when the menu
 * is dismissed). The labels are already in the user's language; the main process only draws the menu.
 */
export async function showContextMenu(actions: Readonly<Record<string, MenuAction>>): Promise<void> {
  const items: MenuEntry[] = Object.entries(actions).map(([id, action]) =>
    action ? { id, label: action.label, ...(action.enabled === false ? { enabled: false } : {}) } : { separator: true },
  );
  const { chosen } = await unwrap(api().app.contextMenu({ items }));
  const action = chosen ? actions[chosen] : null;
  await action?.run();
}
