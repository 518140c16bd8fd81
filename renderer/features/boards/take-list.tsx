import { Check, Columns2, FastForward, Loader2, TriangleAlert } from 'lucide-react';
import { COMPARE_AT_MOST, useCompareStore } from '../compare';
import { chosenTake } from '../../../shared/boards/chosen-take';
import type { Shot } from '../../../shared/boards/board-models';
import { TERMINAL_PHASES } from '../../../shared/jobs/job-models';
import { useTranslator } from '../../i18n/use-translator';
import { useJobsStore } from '../queue';
import { useBoardsStore } from './boards-store';

/**
 * A shot's takes, newest last: the one the film uses is checked; any filed take can be chosen instead, compared with
 * the others, or extended (a new shot continuing it) when the model can.
 */
export function TakeList({ shot, canExtend }: { shot: Shot; canExtend: boolean }) {
  const translate = useTranslator();
  const { t } = translate;
  const items = useBoardsStore((state) => state.takeItems);
  const jobs = useJobsStore((state) => state.jobs);
  const chosen = chosenTake(shot);
  const { chooseTake, extendTake } = useBoardsStore.getState();
  if (shot.takes.length === 0) return <p className="muted">{t('boards.noTakes')}</p>;
  const filed = shot.takes.flatMap((take) => (take.itemId ? [take.itemId] : []));
  return (
    <div className="take-list">
      <div className="take-list-head">
        <span className="field-label">{t('boards.takes')}</span>
        {filed.length >= 2 && (
          <button
            type="button"
            className="small ghost"
            data-testid="shot-compare"
            onClick={() => void useCompareStore.getState().open(filed.slice(-COMPARE_AT_MOST))}
          >
            <Columns2 size={14} aria-hidden="true" />
            {t('boards.compareTakes')}
          </button>
        )}
      </div>
      <div role="radiogroup" aria-label={t('boards.takes')} className="take-grid">
        {shot.takes.map((take, at) => {
          const item = take.itemId ? items.get(take.itemId) : undefined;
          const job = jobs.find((candidate) => candidate.id === take.jobId);
          const running = !take.itemId && job !== undefined && !TERMINAL_PHASES.has(job.phase);
          const checked = chosen?.jobId === take.jobId;
          return (
            <button
              key={take.jobId}
              type="button"
              role="radio"
              aria-checked={checked}
              className="take"
              data-testid="shot-take"
              disabled={!take.itemId}
              onClick={() => void chooseTake(shot.id, take.jobId)}
            >
              <span className="take-frame">
                {item?.posterUrl ? (
                  <img src={item.posterUrl} alt="" />
                ) : running ? (
                  <Loader2 size={16} className="spin" aria-hidden="true" />
                ) : !take.itemId ? (
                  <TriangleAlert size={16} aria-hidden="true" />
                ) : null}
                {checked && (
                  <span className="take-check">
                    <Check size={12} aria-hidden="true" />
                  </span>
                )}
              </span>
              <span className="take-label">
                {running
                  ? t('boards.takeRunning', { number: at + 1 })
                  : !take.itemId
                    ? t('boards.takeFailed', { number: at + 1 })
                    : t('boards.takeNumber', { number: at + 1 })}
              </span>
            </button>
          );
        })}
      </div>
      {canExtend && chosen && (
        <button
          type="button"
          className="small"
          data-testid="shot-extend"
          onClick={() => void extendTake(shot.id, chosen.jobId)}
        >
          <FastForward size={14} aria-hidden="true" />
          {t('boards.extendTake')}
        </button>
      )}
    </div>
  );
}
