import type { Job } from '../../../shared/jobs/job-models';
import { PHASE_FACTS } from '../../../shared/jobs/job-phases';
import { errorText } from '../../../shared/i18n/error-text';
import type { Translator } from '../../../shared/i18n/translator';

/** The OS notification for a job that just finished one way or another, or null when there is nothing to say. */
export function jobNotice(job: Job, translate: Translator): { title: string; body: string } | null {
  if (!PHASE_FACTS[job.phase].notifies) return null;
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
  const active = jobs.filter((job) => PHASE_FACTS[job.phase].progressSpan !== null);
  if (active.length === 0) return null;
  const total = active.reduce((sum, job) => {
    const [from, to] = PHASE_FACTS[job.phase].progressSpan ?? [0, 0];
    return sum + from + ((to - from) * job.progress) / 100;
  }, 0);
  return total / active.length;
}
