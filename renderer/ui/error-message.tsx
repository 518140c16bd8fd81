import type { AppErrorData } from '../../shared/errors';
import { errorText } from '../../shared/i18n/error-text';
import { useTranslator } from '../i18n/use-translator';

/** The one way an error is shown: its sentence and next step, in the reader's language, with its code for tests. */
export function ErrorMessage({ error, testId }: { readonly error: AppErrorData; readonly testId?: string }) {
  const t = useTranslator();
  const { message, action } = errorText(t, error);
  return (
    <div className="error-message" role="alert" data-testid={testId} data-code={error.code}>
      <p>{message}</p>
      {action && <p className="error-action">{action}</p>}
    </div>
  );
}

/** An error in a notice box of its own, or nothing when there is none: how a view or a panel shows its failure. */
export function ErrorNotice({ error, testId }: { readonly error: AppErrorData | null; readonly testId?: string }) {
  if (!error) return null;
  return (
    <div className="notice notice-error" data-testid={testId}>
      <ErrorMessage error={error} />
    </div>
  );
}

/** An error as one line of text, for places that show a sentence rather than a block. */
export function useErrorLine(): (error: AppErrorData) => string {
  const t = useTranslator();
  return (error) => {
    const { message, action } = errorText(t, error);
    return action ? `${message} ${action}` : message;
  };
}
