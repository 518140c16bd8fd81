import { ExternalLink } from 'lucide-react';
import type { ErrorCode } from '../../../shared/errors';
import type { Translator } from '../../../shared/i18n/translator';
import { TERMINAL_PHASES, type Job } from '../../../shared/jobs/job-models';
import type { ActionList } from '../../lib/ui-actions';
import { useLibraryStore } from '../library';
import { useNoticesStore } from '../../lib/notices-store';
import { useShellStore } from '../../lib/shell-store';
import { useJobsStore } from './jobs-store';

/** Where an APIMart account's balance is topped up. */
const APIMART_TOP_UP_URL = 'https://apimart.ai';

/** Failures whose fix is in Settings: the row offers to go there. */
const SETTINGS_ERRORS: ReadonlySet<ErrorCode> = new Set([
  'auth',
  'noKey',
  'keychainUnavailable',
  'keychainModuleMissing',
  'unknownModel',
]);

/** What can be done to a job, for its row's buttons and its context menu alike. */
export function jobActions(job: Job, { t }: Translator): ActionList {
  const { cancel, retry, hide, nudge } = useJobsStore.getState();
  const finished = TERMINAL_PHASES.has(job.phase);
  const cancelling = !finished && job.cancelRequestedAt !== null;
  return [
    // Low balance is fixed at APIMart, not here: the row links to where the account is topped up.
    (job.error?.code === 'insufficientBalance' || (!finished && job.waiting === 'balance')) && {
      id: 'topUp',
      label: t('queue.topUp'),
      testId: 'job-top-up',
      tone: 'primary',
      icon: ExternalLink,
      // Opened in the system browser by the shell's window-open handler.
      run: () => window.open(APIMART_TOP_UP_URL, '_blank', 'noopener'),
      buttonOnly: true,
    },
    !finished && !cancelling && { id: 'cancel', label: t('queue.cancel'), run: () => cancel(job.id) },
    !finished && job.waiting !== null && { id: 'retryNow', label: t('queue.retryNow'), run: nudge },
    finished && job.phase !== 'done' && { id: 'retry', label: t('queue.retry'), run: () => retry(job.id) },
    job.error !== null &&
      SETTINGS_ERRORS.has(job.error.code) && {
        id: 'openSettings',
        label: t('queue.openSettings'),
        run: () => useShellStore.getState().showView('settings'),
        buttonOnly: true,
      },
    job.phase === 'done' && {
      id: 'library',
      label: t('queue.showInLibrary'),
      testId: 'job-show-in-library',
      // With that video open beside the grid (just the library when the video is gone since).
      run: async () => {
        await useLibraryStore.getState().openItem(job.libraryItemId);
        useShellStore.getState().showView('library');
      },
    },
    {
      id: 'copyPrompt',
      label: t('queue.copyPrompt'),
      menuOnly: true,
      run: () => navigator.clipboard.writeText(job.request.prompt).catch(useNoticesStore.getState().fail),
    },
    finished && { id: 'hide', label: t('queue.hide'), run: () => hide(job.id) },
  ];
}
