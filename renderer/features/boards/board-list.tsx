import { FileText, Film, Plus } from 'lucide-react';
import { openScript } from './open-script';
import { useTranslator } from '../../i18n/use-translator';
import { ErrorNotice } from '../../ui/error-message';
import { IconButton } from '../../ui/icon-button';
import { useBoardsStore } from './boards-store';

/** The storyboards, most recently changed first, and "New storyboard". */
export function BoardList() {
  const translate = useTranslator();
  const { t } = translate;
  const boards = useBoardsStore((state) => state.boards);
  const current = useBoardsStore((state) => state.board?.id);
  const error = useBoardsStore((state) => state.error);
  const { open, create } = useBoardsStore.getState();
  return (
    <nav className="board-list" aria-label={t('boards.heading')} data-testid="board-list">
      <div className="panel-head">
        <h2 className="section-title">{t('boards.heading')}</h2>
        <div className="button-row compact-actions">
          <IconButton icon={FileText} label={t('script.open')} testId="board-from-script" onClick={openScript} />
          <IconButton icon={Plus} label={t('boards.new')} testId="board-new" onClick={() => void create()} />
        </div>
      </div>
      {boards.length === 0 && !error && <p className="muted board-list-empty">{t('boards.none')}</p>}
      <ul className="scroll-panel">
        {boards.map((board) => (
          <li key={board.id}>
            <button
              type="button"
              className="board-item"
              data-testid="board-item"
              aria-current={board.id === current ? 'true' : undefined}
              onClick={() => void open(board.id)}
            >
              <Film size={15} aria-hidden="true" />
              <span className="board-item-text">
                <span className="truncate">{board.title || t('boards.untitled')}</span>
                <span className="board-item-facts">{t('boards.shotCount', { count: board.shots.length })}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <ErrorNotice error={error} />
    </nav>
  );
}
