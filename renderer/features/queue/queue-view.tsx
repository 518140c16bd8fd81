import { ListVideo } from 'lucide-react';
import { JobRow } from './job-row';
import { useJobsStore } from './jobs-store';
import { useTranslator } from '../../i18n/use-translator';
import { ErrorNotice } from '../../ui/error-message';

/** The Queue screen: every job, newest first, live; the list scrolls in its panel. */
export function QueueView() {
  const translate = useTranslator();
  const jobs = useJobsStore((state) => state.jobs);
  const error = useJobsStore((state) => state.error);
  return (
    <div className="queue-view view-scroll">
      <ErrorNotice error={error} />
      {jobs.length === 0 ? (
        <div className="empty-state">
          <ListVideo size={28} aria-hidden="true" />
          <p>{translate.t('queue.empty')}</p>
        </div>
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
