import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { characterPatchSchema, type Character, type Storyboard } from '../../../shared/boards/board-models';
import { appError } from '../../../shared/i18n/error-text';
import { ownImageCopy } from '../drafts/own-image-copy';

/** A storyboard's character sheet: add, rename, describe, give reference images, remove. */
export interface BoardCharacters {
  addCharacter(id: string, input: { name: string; description?: string }): Storyboard;
  updateCharacter(id: string, characterId: string, patch: unknown): Storyboard;
  /** Removes the character from the sheet and from every shot that named it. */
  removeCharacter(id: string, characterId: string): Storyboard;
  /** Copies an image into the character's folder after checking it decodes (sharp): a reference of their look. */
  addCharacterImage(id: string, characterId: string, source: string): Promise<Storyboard>;
  removeCharacterImage(id: string, characterId: string, index: number): Storyboard;
}

/** What the sheet works with: the board service's own reading and saving. */
export interface BoardCharactersDeps {
  readonly get: (id: string) => Storyboard;
  readonly save: (board: Storyboard) => Storyboard;
  readonly imagesDir: string;
  /** Throws a clear error when the file is not an image sharp can read. */
  readonly checkImage: (file: string) => Promise<void>;
}

const MAX_CHARACTERS = 50;
const MAX_IMAGES = 7;
const characterMissing = () => appError('notFound', 'error.board.characterNotFound');

/** Creates the character operations. */
export function createBoardCharacters(deps: BoardCharactersDeps): BoardCharacters {
  const withCharacter = (board: Storyboard, characterId: string, change: (character: Character) => Character) => {
    if (!board.characters.some((character) => character.id === characterId)) throw characterMissing();
    return {
      ...board,
      characters: board.characters.map((character) => (character.id === characterId ? change(character) : character)),
    };
  };
  const uniqueName = (board: Storyboard, name: string, except: string | null) => {
    const clash = board.characters.some(
      (character) => character.id !== except && character.name.toLowerCase() === name.toLowerCase(),
    );
    if (clash) throw appError('invalidInput', 'error.board.characterExists', { name });
  };
  return {
    addCharacter(id, input) {
      const board = deps.get(id);
      const { name, description, voice } = characterPatchSchema.parse(input);
      if (name === undefined) throw appError('invalidInput', 'error.board.characterNameless');
      if (board.characters.length >= MAX_CHARACTERS)
        throw appError('invalidInput', 'error.board.tooManyCharacters', { max: MAX_CHARACTERS });
      uniqueName(board, name, null);
      const character: Character = {
        id: randomUUID(),
        name,
        description: description ?? '',
        images: [],
        voice: voice ?? null,
      };
      return deps.save({ ...board, characters: [...board.characters, character] });
    },
    updateCharacter(id, characterId, rawPatch) {
      const patch = characterPatchSchema.parse(rawPatch);
      const board = deps.get(id);
      if (patch.name !== undefined) uniqueName(board, patch.name, characterId);
      return deps.save(
        withCharacter(board, characterId, (character) => ({
          ...character,
          name: patch.name ?? character.name,
          description: patch.description ?? character.description,
          voice: patch.voice === undefined ? character.voice : patch.voice,
        })),
      );
    },
    removeCharacter(id, characterId) {
      const board = deps.get(id);
      if (!board.characters.some((character) => character.id === characterId)) throw characterMissing();
      return deps.save({
        ...board,
        characters: board.characters.filter((character) => character.id !== characterId),
        shots: board.shots.map((shot) => ({
          ...shot,
          characterIds: shot.characterIds.filter((held) => held !== characterId),
        })),
      });
    },
    async addCharacterImage(id, characterId, source) {
      const character = deps.get(id).characters.find((candidate) => candidate.id === characterId);
      if (!character) throw characterMissing();
      if (character.images.length >= MAX_IMAGES)
        throw appError('invalidInput', 'error.board.characterImagesFull', { max: MAX_IMAGES });
      await deps.checkImage(source);
      const copy = await ownImageCopy(path.join(deps.imagesDir, 'characters', characterId), source);
      // Read again: the board may have been saved while the image was being copied.
      return deps.save(
        withCharacter(deps.get(id), characterId, (current) =>
          current.images.some((image) => image.path === copy)
            ? current
            : { ...current, images: [...current.images, { role: 'reference', path: copy, crop: null }] },
        ),
      );
    },
    removeCharacterImage: (id, characterId, index) =>
      deps.save(
        withCharacter(deps.get(id), characterId, (character) => ({
          ...character,
          images: character.images.filter((_, at) => at !== index),
        })),
      ),
  };
}
