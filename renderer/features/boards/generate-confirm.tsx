import { AlertTriangle } from 'lucide-react';
import { useTranslator } from '../../i18n/use-translator';
import { useBoardsStore, type PendingGeneration } from './boards-store';

/** What a generation will send and cost, before anything is sent: the user says yes or not now. */
export function GenerateConfirm({ pending }: { pending: PendingGeneration }) {
  const translate = useTranslator();
  const { t } = translate;
  const { plan } = pending;
  const { confirmGenerate, cancelGenerate } = useBoardsStore.getState();
  const cost = plan.estimatedCost === null ? null : translate.money(plan.estimatedCost);
  return (
    <section className="generate-confirm" data-testid="board-confirm" aria-live="polite">
      <p>
        {cost === null
          ? t('boards.confirmUnknown', { count: plan.shots.length, seconds: plan.totalSeconds })
          : t('boards.confirm', { count: plan.shots.length, seconds: plan.totalSeconds, cost })}
      </p>
      {plan.blocked.length > 0 && (
        <ul className="confirm-blocked" data-testid="board-blocked">
          {plan.blocked.map((entry) => (
            <li key={entry.shotId}>
              <AlertTriangle size={14} aria-hidden="true" />
              {t('boards.blocked', { shot: entry.index + 1, reason: entry.reason })}
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button
          type="button"
          className="primary"
          data-testid="board-confirm-send"
          disabled={plan.blocked.length > 0 || plan.shots.length === 0}
          onClick={() => void confirmGenerate()}
        >
          {t('boards.send', { count: plan.shots.length })}
        </button>
        <button type="button" className="ghost" data-testid="board-confirm-cancel" onClick={cancelGenerate}>
          {t('boards.notNow')}
        </button>
      </div>
    </section>
  );
}

/** The takes cannot be joined as they are: the window offers to encode them again (slower), or not now. */
export function EncodeOffer({ reason }: { reason: string }) {
  const { t } = useTranslator();
  const { encodeFilm, dismissEncodeOffer } = useBoardsStore.getState();
  return (
    <section className="generate-confirm" data-testid="board-encode-offer" aria-live="polite">
      <p>{t('boards.encodeExplain', { reason })}</p>
      <div className="button-row">
        <button type="button" className="primary" data-testid="board-encode" onClick={() => void encodeFilm()}>
          {t('boards.encodeInstead')}
        </button>
        <button type="button" className="ghost" onClick={dismissEncodeOffer}>
          {t('boards.notNow')}
        </button>
      </div>
    </section>
  );
}
