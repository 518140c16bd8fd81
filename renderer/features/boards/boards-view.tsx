import { FileText, Film, Plus } from 'lucide-react';
import { openScript } from './open-script';
import { useTranslator } from '../../i18n/use-translator';
import { BoardEditor } from './board-editor';
import { BoardList } from './board-list';
import { useBoardsStore } from './boards-store';
import { useBoardsFeed } from './use-boards-feed';

/** Storyboards: the list on the left, the open board (its film, its shots, the chosen shot) beside it. */
export function BoardsView() {
  const { t } = useTranslator();
  useBoardsFeed();
  const board = useBoardsStore((state) => state.board);
  return (
    <div className="boards-layout">
      <BoardList />
      {board ? (
        <BoardEditor board={board} />
      ) : (
        <section className="boards-empty" data-testid="boards-empty">
          <Film size={40} aria-hidden="true" />
          <h2>{t('boards.emptyTitle')}</h2>
          <p className="muted">{t('boards.emptyBody')}</p>
          <div className="button-row">
            <button type="button" className="primary" onClick={() => void useBoardsStore.getState().create()}>
              <Plus size={15} aria-hidden="true" />
              {t('boards.new')}
            </button>
            <button type="button" data-testid="boards-from-script" onClick={openScript}>
              <FileText size={15} aria-hidden="true" />
              {t('script.open')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
