import { Plus } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { SelectMenu } from '../../ui/select-menu';
import { useDraftsStore } from '../workbench';
import type { Shot, Storyboard } from '../../../shared/boards/board-models';
import { useTranslator } from '../../i18n/use-translator';
import { useBoardsStore } from './boards-store';
import { ShotCard, type ShotMoves } from './shot-card';

/** The shots in order, reordered by dragging or Alt+arrows, and "Add shot" at the end. */
export function ShotGrid({ board, playingShot }: { board: Storyboard; playingShot: string | null }) {
  const { t } = useTranslator();
  const selected = useBoardsStore((state) => state.selectedShotId);
  const drafts = useDraftsStore((state) => state.drafts);
  const dragged = useRef<Shot | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const { moveShot, addShot } = useBoardsStore.getState();
  useEffect(() => {
    void useDraftsStore.getState().load();
  }, []);
  const moves: ShotMoves = {
    move: (shot, toIndex) =>
      void moveShot(shot.id, toIndex).then(() => {
        // Keyboard moves keep the focus on the shot that moved, in its new place.
        list.current?.querySelector<HTMLElement>(`[data-shot-id="${shot.id}"]`)?.focus();
      }),
    dragStart: (shot) => {
      dragged.current = shot;
    },
    drop: (index) => {
      const shot = dragged.current;
      dragged.current = null;
      if (shot) void moveShot(shot.id, index);
    },
  };
  return (
    <section className="shot-strip" aria-label={t('boards.shots')}>
      <ol className="shot-grid" ref={list} data-testid="shot-grid">
        {board.shots.map((shot, index) => (
          <ShotCard
            key={shot.id}
            shot={shot}
            index={index}
            count={board.shots.length}
            selected={shot.id === selected}
            playing={shot.id === playingShot}
            moves={moves}
          />
        ))}
        <li className="shot-add">
          <button type="button" data-testid="shot-add" onClick={() => void addShot()}>
            <Plus size={18} aria-hidden="true" />
            {t('boards.addShot')}
          </button>
        </li>
      </ol>
      <div className="shot-strip-foot">
        <SelectMenu
          value=""
          placeholder={t('boards.fromDraft')}
          label={t('boards.fromDraft')}
          testId="shot-from-draft"
          disabled={drafts.length === 0}
          choices={drafts.map((draft) => ({ value: draft.id, label: draft.title || t('drafts.untitled') }))}
          onChange={(id) => void addShot(id)}
        />
        <p className="muted shot-hint">{t('boards.reorderHint')}</p>
      </div>
    </section>
  );
}
