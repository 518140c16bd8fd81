// The generation queue: what the rest of the window may use of this feature (nothing else of it).
export { useJobsStore } from './jobs-store';
export { QueueView } from './queue-view';
export { useJobsFeed } from './use-jobs-feed';
export { JobProgress } from './job-progress';
export { useJobPicture } from './use-job-picture';
