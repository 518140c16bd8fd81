import type { ImageTokens } from '../images/image-tokens';
import type { DomainHandlers } from '../ipc/router';
import type { LibraryHost } from '../library/library-host';
import type { BoardService } from './board-service';
import type { BoardSoundChannel } from './board-sound-handlers';
import { exportSequence } from './sequence-export';
import { createEncodedUploads } from './encoded-uploads';
import { sequenceOf } from '../../../shared/boards/chosen-take';
import type { Storyboard } from '../../../shared/boards/board-models';
import { withoutTrims, type FilmTimeline } from '../../../shared/boards/film-timeline';
import { appError } from '../../../shared/i18n/error-text';

/** Handlers of the `boards.*` domain. */
export function createBoardHandlers(
  boards: BoardService,
  tokens: ImageTokens,
  library: LibraryHost,
  onProgress: (id: string, fraction: number) => void,
  /** The board as a film, each take as long as its file plays. */
  filmOf: (board: Storyboard) => Promise<FilmTimeline>,
): Omit<DomainHandlers<'boards'>, BoardSoundChannel> {
  const exports = new Map<string, AbortController>();
  const uploads = createEncodedUploads();
  return {
    'boards.list': ({ deleted }) => boards.list(deleted === undefined ? {} : { deleted }),
    'boards.get': ({ id }) => boards.get(id),
    'boards.create': (input) => boards.create(input),
    'boards.rename': ({ id, title }) => boards.rename(id, title),
    'boards.remove': ({ id }) => boards.remove(id),
    'boards.undoRemove': ({ id }) => boards.undoRemove(id),
    'boards.addShot': ({ id, ...input }) => boards.addShot(id, input),
    'boards.updateShot': ({ id, shotId, patch }) => boards.updateShot(id, shotId, patch),
    'boards.moveShot': ({ id, shotId, toIndex }) => boards.moveShot(id, shotId, toIndex),
    'boards.duplicateShot': ({ id, shotId }) => boards.duplicateShot(id, shotId),
    'boards.removeShot': ({ id, shotId }) => boards.removeShot(id, shotId),
    'boards.restoreShot': ({ id, shotId }) => boards.restoreShot(id, shotId),
    'boards.setShotImage': ({ id, shotId, role, image }) =>
      boards.setShotImage(id, shotId, role, image === null ? null : tokens.fileOf(image)),
    'boards.removeShotImage': ({ id, shotId, index }) => boards.removeShotImage(id, shotId, index),
    'boards.chooseTake': ({ id, shotId, jobId }) => boards.chooseTake(id, shotId, jobId),
    'boards.extendTake': ({ id, shotId, jobId }) => boards.extendTake(id, shotId, jobId),
    'boards.addCharacter': ({ id, ...input }) => boards.addCharacter(id, input),
    'boards.updateCharacter': ({ id, characterId, patch }) => boards.updateCharacter(id, characterId, patch),
    'boards.removeCharacter': ({ id, characterId }) => boards.removeCharacter(id, characterId),
    'boards.addCharacterImage': ({ id, characterId, image }) =>
      boards.addCharacterImage(id, characterId, tokens.fileOf(image)),
    'boards.removeCharacterImage': ({ id, characterId, index }) => boards.removeCharacterImage(id, characterId, index),
    'boards.plan': ({ id, scope }) => boards.plan(id, scope),
    'boards.generate': ({ id, scope }) => boards.generate(id, scope),
    'boards.recastPlan': ({ id, target }) => boards.recastPlan(id, target),
    'boards.recast': ({ id, target, shotIds }) => boards.recast(id, target, shotIds),
    'boards.recastSuggestions': ({ id, budget }) => boards.recastSuggestions(id, budget),
    'boards.export': async ({ id }) => {
      exports.get(id)?.abort(new Error('replaced by a new export'));
      const controller = new AbortController();
      exports.set(id, controller);
      let last = -1;
      try {
        const board = boards.get(id);
        return await exportSequence(board, library.current(), {
          // The takes are joined as filed, so whole: the subtitles and record follow the film as it is.
          film: await filmOf(withoutTrims(board)),
          signal: controller.signal,
          onProgress: (fraction) => {
            // A percent at a time: thousands of packets must not become thousands of IPC messages.
            const percent = Math.floor(fraction * 100);
            if (percent === last) return;
            last = percent;
            onProgress(id, percent / 100);
          },
        });
      } finally {
        if (exports.get(id) === controller) exports.delete(id);
      }
    },
    'boards.beginEncoded': async ({ id, takes: encodeTakes, soundtrack }) => {
      const takes = sequenceOf(boards.get(id)).length;
      if (takes === 0) throw appError('invalidInput', 'error.board.nothingToExport');
      const shape = { takes: encodeTakes ? takes : 0, soundtrack };
      return { uploadId: await uploads.begin(library.current().root, id, shape), takes };
    },
    'boards.writeEncoded': async ({ uploadId, part, index, offset, data }) => {
      await uploads.write(uploadId, part, index, offset, Buffer.from(data, 'base64'));
      return undefined;
    },
    'boards.finishEncoded': async ({ id, uploadId, sound }) => {
      try {
        const board = boards.get(id);
        const files = await uploads.files(uploadId, id);
        // Takes the window encoded carry its trims; takes joined as filed play whole.
        const film = await filmOf(files.takes ? board : withoutTrims(board));
        return await exportSequence(board, library.current(), {
          ...(files.takes ? { encodedFiles: files.takes } : {}),
          ...(files.soundtrack
            ? {
                soundtrack: {
                  file: files.soundtrack,
                  codec: sound?.codec ?? 'unknown',
                  loudness: sound?.loudness ?? null,
                },
              }
            : {}),
          film,
          onProgress: (fraction) => onProgress(id, fraction),
        });
      } finally {
        await uploads.discard(uploadId);
      }
    },
    'boards.discardEncoded': async ({ uploadId }) => {
      await uploads.discard(uploadId);
      return undefined;
    },
    'boards.cancelExport': ({ id }) => {
      exports.get(id)?.abort(new Error('cancelled'));
      return undefined;
    },
  };
}
