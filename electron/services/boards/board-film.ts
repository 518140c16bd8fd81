import type { Storyboard } from '../../../shared/boards/board-models';
import { filmTimeline, type FilmTimeline } from '../../../shared/boards/film-timeline';
import { summarizeRequest } from '../../../shared/catalog/request-summary';
import type { ModelCatalog } from '../../../shared/catalog/video-model';
import type { LibraryService } from '../library/library-service';

/** The board as a film, each take as long as its library item says (else its shot's requested length). */
export function boardFilm(board: Storyboard, library: LibraryService, catalog: ModelCatalog): FilmTimeline {
  return filmTimeline(board, (take, shot) => {
    let known: number | null = null;
    try {
      known = library.get(take.itemId).duration;
    } catch {
      // The item left the library: the shot's own length stands in, so the rest of the film keeps its timing.
    }
    return known ?? summarizeRequest(catalog, shot.model, shot.params).seconds ?? 0;
  });
}
