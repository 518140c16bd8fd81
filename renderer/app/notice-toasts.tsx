import { CircleAlert, CircleCheck, Undo2, X } from 'lucide-react';
import { useEffect } from 'react';
import { errorText } from '../../shared/i18n/error-text';
import type { Translator } from '../../shared/i18n/translator';
import { useNoticesStore, type Notice } from '../lib/notices-store';
import { useTranslator } from '../i18n/use-translator';
import { useToastLift } from './use-toast-lift';

function say(notice: Notice, translate: Translator): { message: string; action?: string } {
  const { text } = notice;
  if ('error' in text) return errorText(translate, text.error);
  if ('message' in text) return { message: translate.format(text.message.key, text.message.params) ?? '' };
  return { message: translate.t(text.key) };
}

/**
 * The toasts of what just happened, bottom right, over the content (nothing shifts when one comes or goes), lifted
 * above an action bar that lies under them.
 */
export function NoticeToasts() {
  const translate = useTranslator();
  const { t } = translate;
  const notices = useNoticesStore((state) => state.notices);
  const { dismiss, undo } = useNoticesStore.getState();
  const bottom = useToastLift(notices.length);

  // Ctrl/Cmd+Z brings back what was just removed, unless a text field wants the shortcut for itself.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z' || event.shiftKey) return;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (!useNoticesStore.getState().notices.some((notice) => notice.undo)) return;
      event.preventDefault();
      void useNoticesStore.getState().undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className="toasts" aria-label={t('notice.region')} aria-live="polite" style={{ bottom }}>
      {notices.map((notice) => {
        const { message, action } = say(notice, translate);
        const failed = 'error' in notice.text;
        return (
          <div
            key={notice.id}
            className={failed ? 'toast toast-error' : 'toast'}
            role={failed ? 'alert' : 'status'}
            data-testid={notice.testId ?? 'notice'}
          >
            {failed ? (
              <CircleAlert size={16} className="toast-icon" aria-hidden="true" />
            ) : (
              <CircleCheck size={16} className="toast-icon" aria-hidden="true" />
            )}
            <p className="toast-text">
              {message}
              {action && <span className="toast-action"> {action}</span>}
            </p>
            {notice.undo && (
              <button
                type="button"
                className="toast-undo small ghost"
                data-testid={notice.undoTestId}
                onClick={() => void undo(notice.id)}
              >
                <Undo2 size={14} aria-hidden="true" />
                {t('notice.undo')}
              </button>
            )}
            <button
              type="button"
              className="toast-dismiss ghost small icon-only"
              aria-label={t('notice.dismiss')}
              onClick={() => dismiss(notice.id)}
            >
              <X size={14} aria-hidden="true" />
            </button>
          </div>
        );
      })}
    </section>
  );
}
