import { Plus, UserRound } from 'lucide-react';
import { useState } from 'react';
import type { Character, Storyboard } from '../../../shared/boards/board-models';
import { useTranslator } from '../../i18n/use-translator';
import { useBoardsStore } from './boards-store';
import { VoiceSelect } from './voice-select';
import { useVoiceStore } from './voice-store';
import { characterActions } from './character-actions';
import { usePicturePreview } from './use-picture-preview';

/** The storyboard's characters as a row of faces: choose one to edit it beside the shots, or add one by name. */
export function CastBar({ board }: { board: Storyboard }) {
  const { t } = useTranslator();
  const selected = useBoardsStore((state) => state.selectedCharacterId);
  const [naming, setNaming] = useState<string | null>(null);
  const add = async () => {
    const name = naming?.trim() ?? '';
    setNaming(null);
    if (name === '') return;
    const next = await characterActions.add(name);
    const added = next?.characters.at(-1);
    if (added) useBoardsStore.getState().selectCharacter(added.id);
  };
  return (
    <section className="cast-bar" aria-label={t('characters.heading')} data-testid="cast-bar">
      <span className="cast-label">{t('characters.heading')}</span>
      <ul className="cast-list">
        {board.characters.map((character) => (
          <li key={character.id}>
            <CastChip
              character={character}
              selected={character.id === selected}
              onSelect={() =>
                useBoardsStore.getState().selectCharacter(character.id === selected ? null : character.id)
              }
            />
          </li>
        ))}
        <li>
          {naming === null ? (
            <button type="button" className="small cast-add" data-testid="character-add" onClick={() => setNaming('')}>
              <Plus size={14} aria-hidden="true" />
              {t('characters.add')}
            </button>
          ) : (
            <input
              className="cast-name-input"
              data-testid="character-new-name"
              aria-label={t('characters.name')}
              placeholder={t('characters.namePlaceholder')}
              maxLength={100}
              // The field appears because the user asked for it: typing goes straight in.
              autoFocus
              value={naming}
              onChange={(event) => setNaming(event.target.value)}
              onBlur={() => void add()}
              onKeyDown={(event) => {
                if (event.key === 'Enter') event.currentTarget.blur();
                if (event.key === 'Escape') setNaming(null);
              }}
            />
          )}
        </li>
      </ul>
      {board.characters.length === 0 && naming === null && <span className="hint">{t('characters.none')}</span>}
      <span className="cast-narrator">
        <span className="cast-label" aria-hidden="true">
          {t('boards.voice.narrator')}
        </span>
        <VoiceSelect
          testId="narrator-voice"
          label={t('boards.narratorVoice')}
          value={board.narratorVoice}
          onChange={(voice) => voice && void useVoiceStore.getState().setNarratorVoice(voice)}
        />
      </span>
    </section>
  );
}

function CastChip({
  character,
  selected,
  onSelect,
}: {
  character: Character;
  selected: boolean;
  onSelect: () => void;
}) {
  const { t } = useTranslator();
  const face = usePicturePreview(character.images[0]?.path ?? null);
  return (
    <button
      type="button"
      className="cast-chip"
      aria-pressed={selected}
      data-testid="character-chip"
      title={character.description || character.name}
      onClick={onSelect}
    >
      <span className="cast-face" aria-hidden="true">
        {face ? <img src={face} alt="" /> : <UserRound size={14} />}
      </span>
      <span className="truncate">{character.name}</span>
      {character.images.length > 0 && (
        <span className="cast-count" aria-label={t('characters.imageCount', { count: character.images.length })}>
          {character.images.length}
        </span>
      )}
    </button>
  );
}
