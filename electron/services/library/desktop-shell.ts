/** What only the desktop shell can do for the library: native folder pickers and the file manager. */
export interface DesktopShell {
  /** A folder the user picked, or null when they cancelled. */
  chooseFolder(purpose: 'import' | 'export' | 'move' | 'exportDrafts'): Promise<string | null>;
  /** A file the user picked to open, or null when they cancelled. */
  chooseFile(purpose: 'importDrafts' | 'image'): Promise<string | null>;
  /** Shows the file selected in the OS file manager. */
  reveal(file: string): void;
}
