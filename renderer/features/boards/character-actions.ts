import type { Storyboard } from '../../../shared/boards/board-models';
import type { SpeechVoice } from '../../../shared/audio/speech';
import { api, unwrap } from '../../lib/bridge';
import { useNoticesStore } from '../../lib/notices-store';
import { useBoardsStore } from './boards-store';

const apply = (work: (board: Storyboard) => Promise<Storyboard>) => useBoardsStore.getState().apply(work);

/** The character sheet's calls to the main process; each shows the board it answers. */
export const characterActions = {
  add: (name: string) => apply((board) => unwrap(api().boards.addCharacter({ id: board.id, name }))),
  rename: (characterId: string, name: string) =>
    apply((board) => unwrap(api().boards.updateCharacter({ id: board.id, characterId, patch: { name } }))),
  setVoice: (characterId: string, voice: SpeechVoice | null) =>
    apply((board) => unwrap(api().boards.updateCharacter({ id: board.id, characterId, patch: { voice } }))),
  describe: (characterId: string, description: string) =>
    apply((board) => unwrap(api().boards.updateCharacter({ id: board.id, characterId, patch: { description } }))),
  /** Removes a character (and takes it off every shot), with Undo putting back its name, description and images. */
  async remove(characterId: string) {
    const before = useBoardsStore.getState().board?.characters.find((character) => character.id === characterId);
    const board = await apply((current) => unwrap(api().boards.removeCharacter({ id: current.id, characterId })));
    if (!board || !before) return;
    useNoticesStore.getState().notify({
      text: { message: { key: 'characters.removed', params: { name: before.name } } },
      testId: 'character-removed',
      durationMs: 10_000,
      undo: async () => {
        let restored = await unwrap(
          api().boards.addCharacter({
            id: board.id,
            name: before.name,
            description: before.description,
            voice: before.voice,
          }),
        );
        const id = restored.characters.at(-1)?.id;
        for (const image of before.images)
          if (id)
            restored = await unwrap(
              api().boards.addCharacterImage({ id: board.id, characterId: id, image: image.path }),
            );
        await useBoardsStore.getState().open(restored.id);
      },
    });
  },
  /** Asks for an image (main's own picker) and adds it to the character's references. */
  async addImage(characterId: string) {
    try {
      const picked = await unwrap(api().images.pick());
      if (!picked) return;
      await apply((board) =>
        unwrap(api().boards.addCharacterImage({ id: board.id, characterId, image: picked.image })),
      );
    } catch (error) {
      useNoticesStore.getState().fail(error, 'board-notice');
    }
  },
  removeImage: (characterId: string, index: number) =>
    apply((board) => unwrap(api().boards.removeCharacterImage({ id: board.id, characterId, index }))),
};
