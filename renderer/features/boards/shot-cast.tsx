import { Check } from 'lucide-react';
import { castShot } from '../../../shared/boards/character-cast';
import type { Shot, Storyboard } from '../../../shared/boards/board-models';
import type { VideoModel } from '../../../shared/catalog/video-model';
import { useTranslator } from '../../i18n/use-translator';
import { useBoardsStore } from './boards-store';

/**
 * Who is in the shot (toggles from the character sheet), and how each reaches the model: as reference images where
 * the model takes them, as a description in the prompt where it does not.
 */
export function ShotCast({ board, shot, model }: { board: Storyboard; shot: Shot; model: VideoModel | undefined }) {
  const { t } = useTranslator();
  if (board.characters.length === 0 || shot.extendsTake) return null;
  const cast = castShot(board, shot, model);
  const toggle = (id: string) => {
    const ids = shot.characterIds.includes(id)
      ? shot.characterIds.filter((held) => held !== id)
      : [...shot.characterIds, id];
    useBoardsStore.getState().editShot(shot.id, { characterIds: ids });
  };
  return (
    <div className="field shot-cast">
      <span className="field-label">{t('characters.inShot')}</span>
      <div className="cast-toggles" data-testid="shot-cast">
        {board.characters.map((character) => {
          const on = shot.characterIds.includes(character.id);
          return (
            <button
              key={character.id}
              type="button"
              className="cast-toggle"
              aria-pressed={on}
              data-testid="shot-cast-toggle"
              onClick={() => toggle(character.id)}
            >
              {on && <Check size={13} aria-hidden="true" />}
              {character.name}
            </button>
          );
        })}
      </div>
      {(cast.byImage.length > 0 || cast.byDescription.length > 0) && (
        <p className="hint" data-testid="shot-cast-hint">
          {[
            cast.byImage.length > 0 ? t('characters.byImage', { names: cast.byImage.join(', ') }) : '',
            cast.byDescription.length > 0
              ? t('characters.byDescription', { names: cast.byDescription.join(', ') })
              : '',
          ]
            .filter(Boolean)
            .join(' ')}
        </p>
      )}
    </div>
  );
}
