import type { Job } from '../../../shared/jobs/job-models';
import { errorText } from '../../../shared/i18n/error-text';
import type { Translator } from '../../../shared/i18n/translator';

/** The OS notification for a job that just finished one way or another, or null when there is nothing to say. */
export function jobNotice(job: Job, translate: Translator): { title: string; body: string } | null {
  const { t } = translate;
  const what = job.request.title ?? job.request.prompt.slice(0, 80);
  const reason = job.error ? errorText(translate, job.error).message : t('error.code.internal');
  switch (job.phase) {
    case 'done':
      return { title: t('notify.done.title'), body: t('notify.done.body', { what }) };
    case 'failed':
      return { title: t('notify.failed.title'), body: t('notify.failed.body', { what, reason }) };
    case 'expired':
      return { title: t('notify.expired.title'), body: t('notify.expired.body', { what }) };
    case 'needsAttention':
      return { title: t('notify.needsAttention.title'), body: t('notify.needsAttention.body', { what, reason }) };
    default:
      return null;
  }
}

/** Overall progress of the jobs in flight (0–1), or null when none is: for the dock or taskbar. */
export function overallProgress(jobs: readonly Job[]): number | null {
  const active = jobs.filter(
    (job) => !['done', 'failed', 'expired', 'needsAttention', 'cancelled', 'queued'].includes(job.phase),
  );
  if (active.length === 0) return null;
  const weight: Partial<Record<Job['phase'], [number, number]>> = {
    preparing: [0, 0.05],
    uploading: [0.05, 0.1],
    submitting: [0.1, 0.15],
    polling: [0.15, 0.85],
    downloading: [0.85, 0.98],
    filing: [0.98, 1],
  };
  const total = active.reduce((sum, job) => {
    const [from, to] = weight[job.phase] ?? [0, 0];
    return sum + from + ((to - from) * job.progress) / 100;
  }, 0);
  return total / active.length;
}
