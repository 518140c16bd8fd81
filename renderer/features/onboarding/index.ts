// The first-run card: what the rest of the window may use of this feature (nothing else of it).
export { FirstRunCard } from './first-run-card';
