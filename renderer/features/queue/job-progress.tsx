import type { Job } from '../../../shared/jobs/job-models';
import { useTranslator } from '../../i18n/use-translator';

/** "about 2 min" or "less than a minute": an estimate said as loosely as it is known. */
export function useEtaWords(): (seconds: number) => string {
  const { t } = useTranslator();
  return (seconds) =>
    seconds < 60 ? t('queue.eta.underMinute') : t('queue.eta.minutes', { count: Math.round(seconds / 60) });
}

/**
 * How far a job is: a bar that fills when APIMart reports progress (or the download counts bytes), and an
 * indeterminate one — moving, not stuck at zero — while nothing is known.
 */
export function JobProgress({ job, title }: { job: Job; title: string }) {
  const { t } = useTranslator();
  const known = job.progress > 0;
  return (
    <div
      className={known ? 'job-progress' : 'job-progress indeterminate'}
      role="progressbar"
      aria-label={t('queue.progressLabel', { title })}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={known ? Math.round(job.progress) : undefined}
      data-testid="job-progress"
    >
      <span className="job-progress-fill" style={known ? { width: `${job.progress}%` } : undefined} />
    </div>
  );
}
