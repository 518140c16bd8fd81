import { ImagePlus, Trash2, X } from 'lucide-react';
import { useState } from 'react';
import type { Character, Storyboard } from '../../../shared/boards/board-models';
import { useTranslator } from '../../i18n/use-translator';
import { IconButton } from '../../ui/icon-button';
import { useBoardsStore } from './boards-store';
import { VoiceSelect, voiceLabel } from './voice-select';
import { characterActions } from './character-actions';
import { usePicturePreview } from './use-picture-preview';

const MAX_IMAGES = 7;

/**
 * A character, beside the shots: name, description (what models without reference images are told) and reference
 * images (what models with them are shown), and the shots they appear in.
 */
export function CharacterInspector({ board, character }: { board: Storyboard; character: Character }) {
  const { t } = useTranslator();
  const shots = board.shots.flatMap((shot, index) => (shot.characterIds.includes(character.id) ? [index + 1] : []));
  return (
    <aside className="shot-inspector" aria-label={character.name} data-testid="character-inspector">
      <div className="panel-head">
        <h2 className="section-title truncate">{t('characters.inspectorHeading')}</h2>
        <IconButton
          icon={X}
          label={t('characters.close')}
          testId="character-close"
          onClick={() => useBoardsStore.getState().selectCharacter(null)}
        />
      </div>
      <div className="scroll-panel inspector-body" key={character.id}>
        <CharacterText character={character} />
        <label className="field">
          <span className="field-label">{t('boards.characterVoice')}</span>
          <VoiceSelect
            testId="character-voice"
            value={character.voice}
            defaultLabel={t('boards.characterVoiceDefault', { voice: voiceLabel(board.narratorVoice) })}
            onChange={(voice) => void characterActions.setVoice(character.id, voice)}
          />
        </label>
        <div className="field">
          <span className="field-label">{t('characters.images')}</span>
          <ul className="character-images" data-testid="character-images">
            {character.images.map((image, index) => (
              <CharacterImage
                key={image.path}
                image={image.path}
                label={t('characters.imageOf', { name: character.name, number: index + 1 })}
                onRemove={() => void characterActions.removeImage(character.id, index)}
              />
            ))}
            {character.images.length < MAX_IMAGES && (
              <li>
                <button
                  type="button"
                  className="character-image-add"
                  data-testid="character-image-add"
                  onClick={() => void characterActions.addImage(character.id)}
                >
                  <ImagePlus size={18} aria-hidden="true" />
                  <span>{t('characters.addImage')}</span>
                </button>
              </li>
            )}
          </ul>
          <span className="hint">{t('characters.imagesHint')}</span>
        </div>
        <p className="hint" data-testid="character-shots">
          {shots.length === 0 ? t('characters.inNoShot') : t('characters.inShots', { shots: shots.join(', ') })}
        </p>
      </div>
      <div className="inspector-foot">
        <button type="button" data-testid="character-remove" onClick={() => void characterActions.remove(character.id)}>
          <Trash2 size={15} aria-hidden="true" />
          {t('characters.remove')}
        </button>
      </div>
    </aside>
  );
}

/** Name and description, saved when the field is left. */
function CharacterText({ character }: { character: Character }) {
  const { t } = useTranslator();
  const [name, setName] = useState(character.name);
  const [description, setDescription] = useState(character.description);
  return (
    <>
      <label className="field">
        <span className="field-label">{t('characters.name')}</span>
        <input
          data-testid="character-name"
          value={name}
          maxLength={100}
          onChange={(event) => setName(event.target.value)}
          onBlur={() => {
            if (name.trim() === '') setName(character.name);
            else if (name.trim() !== character.name) void characterActions.rename(character.id, name.trim());
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.currentTarget.blur();
          }}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('characters.description')}</span>
        <textarea
          data-testid="character-description"
          rows={5}
          maxLength={2_000}
          value={description}
          placeholder={t('characters.descriptionPlaceholder')}
          onChange={(event) => setDescription(event.target.value)}
          onBlur={() => {
            if (description !== character.description) void characterActions.describe(character.id, description);
          }}
        />
      </label>
    </>
  );
}

function CharacterImage({ image, label, onRemove }: { image: string; label: string; onRemove: () => void }) {
  const { t } = useTranslator();
  const preview = usePicturePreview(image);
  return (
    <li className="character-image" data-testid="character-image">
      {preview ? <img src={preview} alt={label} /> : <span className="character-image-wait" aria-label={label} />}
      <IconButton icon={X} label={t('characters.removeImage')} className="frame-remove" onClick={onRemove} />
    </li>
  );
}
