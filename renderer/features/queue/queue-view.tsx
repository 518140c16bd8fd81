import { JobRow } from './job-row';
import { useJobsStore } from './jobs-store';
import { useTranslator } from '../../i18n/use-translator';
import { ErrorMessage } from '../../app/error-message';

/** The Queue screen: every job, newest first, live. */
export function QueueView() {
  const translate = useTranslator();
  const jobs = useJobsStore((state) => state.jobs);
  const error = useJobsStore((state) => state.error);
  return (
    <div className="queue-view">
      {error && (
        <div className="notice notice-error">
          <ErrorMessage error={error} />
        </div>
      )}
      {jobs.length === 0 ? (
        <p className="empty-state">{translate.t('queue.empty')}</p>
      ) : (
        <ul className="job-list" data-testid="job-list">
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} />
          ))}
        </ul>
      )}
    </div>
  );
}
