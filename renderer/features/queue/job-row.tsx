import type { Job } from '../../../shared/jobs/job-models';
import { TERMINAL_PHASES } from '../../../shared/jobs/job-models';
import { api, unwrap } from '../../lib/bridge';
import { showContextMenu } from '../../lib/context-menu';
import { useLibraryStore } from '../library/library-store';
import { useShellStore } from '../shell/shell-store';
import { useJobsStore } from './jobs-store';
import { useTranslator } from '../../i18n/use-translator';
import { ErrorMessage } from '../../app/error-message';
import { translateRef } from '../../../shared/i18n/error-text';

/** Opens the library with the job's video selected (just the library when the video is gone since). */
async function showInLibrary(job: Job): Promise<void> {
  if (job.libraryItemId) {
    const item = await unwrap(api().library.get({ id: job.libraryItemId })).catch(() => null);
    if (item) useLibraryStore.getState().select(item);
  }
  useShellStore.getState().showView('library');
}

const SETTINGS_ERRORS = new Set([
  'auth',
  'noKey',
  'insufficientBalance',
  'keychainUnavailable',
  'keychainModuleMissing',
  'unknownModel',
]);

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
  const { cancel, retry, hide, nudge } = useJobsStore.getState();
  const showProgress = !finished && (job.phase === 'polling' || job.phase === 'downloading');

  return (
    <li
      className={`job-row job-${job.phase}`}
      data-testid="job-row"
      data-phase={job.phase}
      onContextMenu={(event) => {
        event.preventDefault();
        void showContextMenu({
          ...(finished || cancelling ? {} : { cancel: { label: t('queue.cancel'), run: () => cancel(job.id) } }),
          ...(!finished && job.waiting ? { retryNow: { label: t('queue.retryNow'), run: nudge } } : {}),
          ...(finished && job.phase !== 'done' ? { retry: { label: t('queue.retry'), run: () => retry(job.id) } } : {}),
          ...(job.phase === 'done'
            ? { library: { label: t('queue.showInLibrary'), run: () => void showInLibrary(job) } }
            : {}),
          copyPrompt: { label: t('queue.copyPrompt'), run: () => navigator.clipboard.writeText(job.request.prompt) },
          ...(finished ? { hide: { label: t('queue.hide'), run: () => hide(job.id) } } : {}),
        }).catch(() => undefined);
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
        {translate.date(job.createdAt)} · {job.request.model} ·{' '}
        {t('workbench.seconds', { seconds: job.request.duration })} · {t(`workbench.aspect.${job.request.aspect}`)}
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
      <div className="button-row">
        {!finished && !cancelling && (
          <button type="button" onClick={() => void cancel(job.id)}>
            {t('queue.cancel')}
          </button>
        )}
        {!finished && job.waiting && (
          <button type="button" onClick={() => void nudge()}>
            {t('queue.retryNow')}
          </button>
        )}
        {finished && job.phase !== 'done' && (
          <button type="button" onClick={() => void retry(job.id)}>
            {t('queue.retry')}
          </button>
        )}
        {job.error && SETTINGS_ERRORS.has(job.error.code) && (
          <button type="button" onClick={() => useShellStore.getState().showView('settings')}>
            {t('queue.openSettings')}
          </button>
        )}
        {job.phase === 'done' && (
          <button type="button" data-testid="job-show-in-library" onClick={() => void showInLibrary(job)}>
            {t('queue.showInLibrary')}
          </button>
        )}
        {finished && (
          <button type="button" onClick={() => void hide(job.id)}>
            {t('queue.hide')}
          </button>
        )}
      </div>
    </li>
  );
}
