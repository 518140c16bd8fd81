import { Download, Repeat2, Sparkles, Trash2, X } from 'lucide-react';
import { useState } from 'react';
import { chosenTake } from '../../../shared/boards/chosen-take';
import type { Storyboard } from '../../../shared/boards/board-models';
import { useTranslator } from '../../i18n/use-translator';
import { IconButton } from '../../ui/icon-button';
import { useBoardsStore } from './boards-store';
import { useVoiceStore } from './voice-store';
import { MenuButton } from '../../ui/menu-button';
import { currentAudio } from '../../../shared/boards/voice-over';
import { useRecastStore } from './recast-store';

/** The board's title (renamed in place) and what can be done to all of it: generate, export the film, delete. */
export function BoardHeader({ board }: { board: Storyboard }) {
  const translate = useTranslator();
  const { t } = translate;
  const progress = useBoardsStore((state) => state.exportProgress);
  const { rename, askGenerate, exportFilm, cancelExport, removeBoard, setBurnOpen } = useBoardsStore.getState();
  const { exportSubtitles, exportTimeline } = useVoiceStore.getState();
  const filed = board.shots.filter((shot) => chosenTake(shot) !== null).length;
  const spoken = board.shots.some((shot) => chosenTake(shot) !== null && currentAudio(board, shot) !== null);
  const missing = board.shots.length - filed;
  return (
    <header className="board-header">
      <BoardTitle key={`${board.id}:${board.title}`} title={board.title} onRename={(title) => void rename(title)} />
      <div className="board-actions">
        <button
          type="button"
          data-testid="board-generate-missing"
          disabled={missing === 0}
          onClick={() => void askGenerate({ kind: 'missing' })}
        >
          <Sparkles size={15} aria-hidden="true" />
          {missing === 0 ? t('boards.noneMissing') : t('boards.generateMissing', { count: missing })}
        </button>
        <button
          type="button"
          data-testid="board-generate-all"
          disabled={board.shots.length === 0}
          onClick={() => void askGenerate({ kind: 'all' })}
        >
          {t('boards.generateAll')}
        </button>
        <button
          type="button"
          data-testid="board-recast"
          disabled={board.shots.length === 0}
          onClick={() => useRecastStore.getState().show(true)}
        >
          <Repeat2 size={15} aria-hidden="true" />
          {t('boards.recast.open')}
        </button>
        {progress === null ? (
          <span className="split-button">
            <button
              type="button"
              className="primary"
              data-testid="board-export"
              disabled={filed === 0}
              onClick={() => void exportFilm()}
            >
              <Download size={15} aria-hidden="true" />
              {t('boards.export')}
            </button>
            <MenuButton
              label={t('boards.exportMore')}
              iconOnly
              className="primary"
              testId="board-export-more"
              disabled={filed === 0}
              commands={[
                { id: 'burn', label: t('boards.exportBurned'), run: () => setBurnOpen(true), disabled: !spoken },
                { id: 'srt', label: t('boards.exportSrt'), run: () => void exportSubtitles('srt'), disabled: !spoken },
                { id: 'vtt', label: t('boards.exportVtt'), run: () => void exportSubtitles('vtt'), disabled: !spoken },
                { id: 'otio', label: t('boards.exportOtio'), run: () => void exportTimeline('otio') },
                { id: 'mlt', label: t('boards.exportMlt'), run: () => void exportTimeline('mlt') },
              ]}
            />
          </span>
        ) : (
          <span className="board-export-progress" data-testid="board-export-progress">
            <progress max={1} value={progress} aria-label={t('boards.exporting')} />
            <span>{translate.number(progress, { style: 'percent' })}</span>
            <IconButton icon={X} label={t('boards.cancelExport')} onClick={() => void cancelExport()} />
          </span>
        )}
        <IconButton
          icon={Trash2}
          small={false}
          label={t('boards.delete')}
          testId="board-delete"
          onClick={() => void removeBoard()}
        />
      </div>
    </header>
  );
}

/** The title, edited in place: saved when the field is left or Enter pressed. */
function BoardTitle({ title, onRename }: { title: string; onRename: (title: string) => void }) {
  const { t } = useTranslator();
  const [text, setText] = useState(title);
  return (
    <input
      className="board-title"
      data-testid="board-title"
      aria-label={t('boards.title')}
      placeholder={t('boards.untitled')}
      value={text}
      maxLength={500}
      onChange={(event) => setText(event.target.value)}
      onBlur={() => {
        if (text.trim() !== title) onRename(text);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.currentTarget.blur();
      }}
    />
  );
}
