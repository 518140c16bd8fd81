import { FastForward, GripVertical, Link2, Loader2 } from 'lucide-react';
import type { KeyboardEvent } from 'react';
import { chosenTake } from '../../../shared/boards/chosen-take';
import type { Shot } from '../../../shared/boards/board-models';
import { findModel, secondsOf } from '../../../shared/catalog/model-lookup';
import { TERMINAL_PHASES } from '../../../shared/jobs/job-models';
import { useTranslator } from '../../i18n/use-translator';
import { useModelsStore } from '../models';
import { useJobsStore } from '../queue';
import { useBoardsStore } from './boards-store';

/** What a shot card can be asked to do from the keyboard or a drop. */
export interface ShotMoves {
  readonly move: (shot: Shot, toIndex: number) => void;
  readonly dragStart: (shot: Shot) => void;
  readonly drop: (index: number) => void;
}

/**
 * A shot in the strip: its number, the chosen take's poster (or where its generation is), its model and length and
 * the first words of its prompt. Alt+←/→ moves it, Delete removes it (with undo), Ctrl/⌘+D duplicates it.
 */
export function ShotCard({
  shot,
  index,
  count,
  selected,
  playing,
  moves,
}: {
  shot: Shot;
  index: number;
  count: number;
  selected: boolean;
  playing: boolean;
  moves: ShotMoves;
}) {
  const translate = useTranslator();
  const { t } = translate;
  const catalog = useModelsStore((state) => state.catalog);
  const take = chosenTake(shot);
  const poster = useBoardsStore((state) => (take ? (state.takeItems.get(take.itemId)?.posterUrl ?? null) : null));
  const running = useJobsStore((state) =>
    state.jobs.some(
      (job) => shot.takes.some((candidate) => candidate.jobId === job.id) && !TERMINAL_PHASES.has(job.phase),
    ),
  );
  const { select, removeShot, duplicateShot } = useBoardsStore.getState();
  const model = findModel(catalog, shot.model);
  const seconds = model ? secondsOf(model, shot.params) : null;
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget) return;
    const step =
      event.key === 'ArrowLeft' || event.key === 'ArrowUp'
        ? -1
        : event.key === 'ArrowRight' || event.key === 'ArrowDown'
          ? 1
          : 0;
    if (event.altKey && step !== 0) {
      event.preventDefault();
      const to = index + step;
      if (to >= 0 && to < count) moves.move(shot, to);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      void removeShot(shot.id);
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'd') {
      event.preventDefault();
      void duplicateShot(shot.id);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select(shot.id);
    }
  };
  return (
    <li
      className="shot-card"
      data-testid="shot-card"
      data-shot-id={shot.id}
      data-selected={selected || undefined}
      data-playing={playing || undefined}
      tabIndex={0}
      aria-label={t('boards.shotLabel', { number: index + 1, prompt: shot.prompt.slice(0, 80) })}
      aria-current={selected ? 'true' : undefined}
      draggable
      onDragStart={(event) => {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', shot.id);
        moves.dragStart(shot);
      }}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
      }}
      onDrop={(event) => {
        event.preventDefault();
        moves.drop(index);
      }}
      onClick={() => select(shot.id)}
      onKeyDown={onKeyDown}
    >
      <div className="shot-frame">
        {poster ? (
          <img src={poster} alt="" draggable={false} />
        ) : (
          <span className="shot-frame-empty">
            {running ? <Loader2 size={18} className="spin" aria-hidden="true" /> : t('boards.noTake')}
          </span>
        )}
        <span className="shot-number">{translate.number(index + 1)}</span>
        {running && poster && (
          <span className="shot-running" aria-label={t('boards.generating')}>
            <Loader2 size={12} className="spin" aria-hidden="true" />
          </span>
        )}
        <GripVertical size={14} className="shot-grip" aria-hidden="true" />
      </div>
      <div className="shot-text">
        <p className="shot-prompt">{shot.prompt.trim() || <span className="muted">{t('boards.noPrompt')}</span>}</p>
        <p className="shot-facts">
          {shot.continueFromPrevious && <Link2 size={12} aria-label={t('boards.continues')} />}
          {shot.extendsTake && <FastForward size={12} aria-label={t('boards.extendsShort')} />}
          <span className="truncate">
            {[model?.label ?? shot.model, seconds === null ? null : t('boards.seconds', { seconds })]
              .filter(Boolean)
              .join(' · ')}
          </span>
          {shot.takes.length > 0 && (
            <span className="badge" data-testid="shot-takes">
              {t('boards.takeCount', { count: shot.takes.length })}
            </span>
          )}
        </p>
      </div>
    </li>
  );
}
