// Storyboards and the script breakdown that fills them: what the rest of the window may use of this feature (nothing else of it).
export { BoardsView } from './boards-view';
export { ScriptDialog } from './script-dialog';
