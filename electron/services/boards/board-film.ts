import type { Storyboard } from '../../../shared/boards/board-models';
import { sequenceOf } from '../../../shared/boards/chosen-take';
import { filmTimeline, type FilmTimeline } from '../../../shared/boards/film-timeline';
import { summarizeRequest } from '../../../shared/catalog/request-summary';
import type { ModelCatalog } from '../../../shared/catalog/video-model';
import type { LibraryService } from '../library/library-service';
import { mediaSeconds } from '../media/media-seconds';

/**
 * The board as a film, each take as long as its file plays (what the joined film and an editor see), else as its
 * library item says, else its shot's requested length — so one unreadable take does not shift the rest.
 */
export async function boardFilm(
  board: Storyboard,
  library: LibraryService,
  catalog: ModelCatalog,
): Promise<FilmTimeline> {
  const lengths = new Map<string, number>();
  for (const { take } of sequenceOf(board)) {
    const file = await library.mediaFile('video', take.itemId);
    const measured = file
      ? await mediaSeconds(file).then(
          (seconds) => seconds,
          () => null,
        )
      : null;
    if (measured !== null) lengths.set(take.itemId, measured);
  }
  return filmTimeline(board, (take, shot) => {
    const measured = lengths.get(take.itemId);
    if (measured !== undefined) return measured;
    let listed: number | null = null;
    try {
      listed = library.get(take.itemId).duration;
    } catch {
      // The item left the library: the shot's own length stands in.
    }
    return listed ?? summarizeRequest(catalog, shot.model, shot.params).seconds ?? 0;
  });
}
