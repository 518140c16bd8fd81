import type { Shot } from '../../../shared/boards/board-models';
import { chosenTake } from '../../../shared/boards/chosen-take';
import { summarizeRequest } from '../../../shared/catalog/request-summary';
import type { ModelCatalog } from '../../../shared/catalog/video-model';
import type { LibraryItem } from '../../../shared/library/library-models';

/** How long the take a shot plays is, as the window knows it: its library item's length, else the shot's request. */
export function takeLength(shot: Shot, takeItems: ReadonlyMap<string, LibraryItem>, catalog: ModelCatalog): number {
  const take = chosenTake(shot);
  return (
    (take ? takeItems.get(take.itemId)?.duration : null) ??
    summarizeRequest(catalog, shot.model, shot.params).seconds ??
    0
  );
}
