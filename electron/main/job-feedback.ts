import { Notification, type BrowserWindow } from 'electron';
import type { Job } from '../../shared/jobs/job-models';
import { jobNotice, overallProgress } from '../services/jobs/job-notice';
import type { Translator } from '../../shared/i18n/translator';

/**
 * OS notifications when a job finishes while the window is not in front (in front, the Queue already shows it),
 * and the dock/taskbar progress bar across the jobs in flight.
 */
export function createJobFeedback(
  window: () => BrowserWindow | undefined,
  jobs: () => readonly Job[],
  translate: () => Translator,
): (job: Job) => void {
  const lastPhase = new Map<string, Job['phase']>();
  return (job) => {
    const previous = lastPhase.get(job.id);
    lastPhase.set(job.id, job.phase);
    const notice = previous !== job.phase ? jobNotice(job, translate()) : null;
    const target = window();
    const inFront = target !== undefined && !target.isDestroyed() && target.isFocused();
    if (notice && !inFront && Notification.isSupported()) new Notification(notice).show();
    const progress = overallProgress(jobs());
    if (target && !target.isDestroyed()) target.setProgressBar(progress ?? -1);
  };
}
