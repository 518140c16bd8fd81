// Takes side by side: what the rest of the window may use of this feature (nothing else of it).
export { COMPARE_AT_MOST, useCompareStore } from './compare-store';
export { CompareView } from './compare-view';
