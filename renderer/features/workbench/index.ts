// The workbench: the prompt, its model controls, drafts and their tools: what the rest of the window may use of this feature (nothing else of it).
export { useDraftsStore } from './drafts-store';
export { ParamControl, useParamLabel } from './param-control';
export { useRecentModels } from './use-recent-models';
export { WorkbenchView } from './workbench-view';
