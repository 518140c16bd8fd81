import { Clapperboard, ImageOff } from 'lucide-react';
import { aspectKeyOf } from '../../../shared/catalog/aspect-ratio';
import { findModel } from '../../../shared/catalog/model-lookup';
import { summarizeRequest } from '../../../shared/catalog/request-summary';
import type { Job } from '../../../shared/jobs/job-models';
import { TERMINAL_PHASES } from '../../../shared/jobs/job-models';
import { useTranslator } from '../../i18n/use-translator';
import { ErrorMessage } from '../../ui/error-message';
import { translateRef } from '../../../shared/i18n/error-text';
import { ActionButtons } from '../../ui/action-buttons';
import { showActionMenu } from '../../lib/ui-actions';
import { useModelsStore } from '../models';
import { useNoticesStore } from '../../lib/notices-store';
import { jobActions } from './job-actions';
import { JobProgress, useEtaWords } from './job-progress';
import { useJobPicture } from './use-job-picture';

const PROBLEM_PHASES: ReadonlySet<Job['phase']> = new Set(['failed', 'expired', 'needsAttention']);

/** The job's tile: its video's poster once filed, else its reference frame, else a placeholder (moving while made). */
function JobThumbnail({ job }: { job: Job }) {
  const picture = useJobPicture(job);
  const working = !TERMINAL_PHASES.has(job.phase);
  return (
    <div className={working ? 'job-thumb working' : 'job-thumb'} aria-hidden="true">
      {picture ? (
        <img src={picture} alt="" />
      ) : PROBLEM_PHASES.has(job.phase) ? (
        <ImageOff size={18} />
      ) : (
        <Clapperboard size={18} />
      )}
    </div>
  );
}

/** One job: what it is, where it is, and — when it went wrong — why and what to do next. */
export function JobRow({ job }: { job: Job }) {
  const translate = useTranslator();
  const { t } = translate;
  const etaWords = useEtaWords();
  const finished = TERMINAL_PHASES.has(job.phase);
  const title = job.request.title ?? job.request.prompt;
  const cancelling = !finished && job.cancelRequestedAt !== null;
  const state = cancelling
    ? t('queue.cancelling')
    : job.waiting && !finished
      ? t(`queue.waiting.${job.waiting}`)
      : t(`queue.phase.${job.phase}`);
  const actions = jobActions(job, translate);
  const catalog = useModelsStore((state) => state.catalog);
  const summary = summarizeRequest(catalog, job.request.model, job.request.params);
  const shapeWords = (aspect: string) => {
    const key = aspectKeyOf(aspect);
    return key === '16:9' ? t('workbench.aspect.landscape') : key === '9:16' ? t('workbench.aspect.portrait') : aspect;
  };
  const facts = [
    findModel(catalog, job.request.model)?.label ?? job.request.model,
    summary.seconds !== null ? t('workbench.seconds', { seconds: summary.seconds }) : null,
    summary.aspect !== null ? shapeWords(summary.aspect) : null,
    summary.resolution !== null
      ? (translate.format(`catalog.resolution.${summary.resolution}`) ?? summary.resolution)
      : null,
  ].filter((fact): fact is string => fact !== null);
  const tone =
    job.phase === 'done' ? 'success' : PROBLEM_PHASES.has(job.phase) ? 'danger' : job.waiting ? 'warning' : 'accent';

  return (
    <li
      className={`job-row job-${job.phase}`}
      data-testid="job-row"
      data-phase={job.phase}
      onContextMenu={(event) => {
        event.preventDefault();
        showActionMenu(actions).catch(useNoticesStore.getState().fail);
      }}
    >
      <JobThumbnail job={job} />
      <div className="job-body">
        <div className="job-head">
          <span className="job-title" title={job.request.prompt}>
            {title}
          </span>
          <span className={`badge badge-${tone} job-state`} data-testid="job-state">
            {state}
          </span>
        </div>
        <div className="job-meta">
          <span>{translate.date(job.createdAt)}</span>
          {facts.map((fact) => (
            <span key={fact}>{fact}</span>
          ))}
          {job.billedSeconds !== null && <span>{t('queue.billed', { seconds: job.billedSeconds })}</span>}
          {!finished && job.phase === 'polling' && job.etaSeconds !== null && (
            <span data-testid="job-eta">{etaWords(job.etaSeconds)}</span>
          )}
        </div>
        {!finished && !job.waiting && job.phase !== 'queued' && <JobProgress job={job} title={title} />}
        {job.warning && (
          <p className="job-warning" role="status">
            {translateRef(translate, job.warning)}
          </p>
        )}
        {job.error && job.phase !== 'done' && (
          <div className="job-error">
            <ErrorMessage error={job.error} testId="job-error" />
          </div>
        )}
        <ActionButtons actions={actions} />
      </div>
    </li>
  );
}
