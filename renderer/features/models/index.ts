// The model catalog and its picker: what the rest of the window may use of this feature (nothing else of it).
export { ModelPicker } from './model-picker';
export { useModelsStore } from './models-store';
export { useModelsFeed } from './use-models-feed';
export { CameraPicker } from './camera-picker';
