import type { MenuEntry } from '../../../shared/models/context-menu';

/** What only the desktop shell can do: native pickers, the file manager, context menus and dragging files out. */
export interface DesktopShell {
  /** A folder the user picked, or null when they cancelled. */
  chooseFolder(purpose: 'import' | 'export' | 'move' | 'exportDrafts'): Promise<string | null>;
  /** A file the user picked to open, or null when they cancelled. */
  chooseFile(purpose: 'importDrafts' | 'image' | 'audio'): Promise<string | null>;
  /** Shows the file selected in the OS file manager. */
  reveal(file: string): void;
  /** Shows a native context menu at the pointer; the chosen entry's id, or null when dismissed. */
  showMenu(items: readonly MenuEntry[]): Promise<string | null>;
  /** Drags `file` out of the window to wherever the user drops it. */
  startDrag(file: string): void;
  /**
   * Asks, in a native dialog the window cannot draw or answer, whether the API key may be sent to `host` (a new
   * API address). True when the user agreed.
   */
  confirmApiHost(host: string): Promise<boolean>;
}
