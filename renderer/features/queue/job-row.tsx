import { aspectKeyOf } from '../../../shared/catalog/aspect-ratio';
import { findModel } from '../../../shared/catalog/model-lookup';
import { summarizeRequest } from '../../../shared/catalog/request-summary';
import type { Job } from '../../../shared/jobs/job-models';
import { TERMINAL_PHASES } from '../../../shared/jobs/job-models';
import { useTranslator } from '../../i18n/use-translator';
import { ErrorMessage } from '../../app/error-message';
import { translateRef } from '../../../shared/i18n/error-text';
import { ActionButtons } from '../../app/action-buttons';
import { showActionMenu } from '../../lib/ui-actions';
import { useModelsStore } from '../models/models-store';
import { useNoticesStore } from '../shell/notices-store';
import { jobActions } from './job-actions';

/** One job: what it is, where it is, and — when it went wrong — why and what to do next. */
export function JobRow({ job }: { job: Job }) {
  const translate = useTranslator();
  const { t } = translate;
  const finished = TERMINAL_PHASES.has(job.phase);
  const title = job.request.title ?? job.request.prompt;
  const cancelling = !finished && job.cancelRequestedAt !== null;
  const state = cancelling
    ? t('queue.cancelling')
    : job.waiting && !finished
      ? t(`queue.waiting.${job.waiting}`)
      : t(`queue.phase.${job.phase}`);
  const actions = jobActions(job, translate);
  const showProgress = !finished && (job.phase === 'polling' || job.phase === 'downloading');
  const catalog = useModelsStore((state) => state.catalog);
  const summary = summarizeRequest(catalog, job.request.model, job.request.params);
  const shapeWords = (aspect: string) => {
    const key = aspectKeyOf(aspect);
    return key === '16:9' ? t('workbench.aspect.landscape') : key === '9:16' ? t('workbench.aspect.portrait') : aspect;
  };

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
      <div className="job-head">
        <span className="job-title" title={job.request.prompt}>
          {title}
        </span>
        <span className="job-state" data-testid="job-state">
          {state}
        </span>
      </div>
      <div className="job-meta">
        {translate.date(job.createdAt)} · {findModel(catalog, job.request.model)?.label ?? job.request.model}
        {summary.seconds !== null && ` · ${t('workbench.seconds', { seconds: summary.seconds })}`}
        {summary.aspect !== null && ` · ${shapeWords(summary.aspect)}`}
        {summary.resolution !== null &&
          ` · ${translate.format(`catalog.resolution.${summary.resolution}`) ?? summary.resolution}`}
        {job.billedSeconds !== null && ` · ${t('queue.billed', { seconds: job.billedSeconds })}`}
        {showProgress && job.etaSeconds !== null && ` · ${t('queue.eta', { seconds: job.etaSeconds })}`}
      </div>
      {showProgress && <progress max={100} value={job.progress} aria-label={t('queue.progressLabel', { title })} />}
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
    </li>
  );
}
