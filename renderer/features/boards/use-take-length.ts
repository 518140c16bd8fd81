import type { Shot } from '../../../shared/boards/board-models';
import { chosenTake } from '../../../shared/boards/chosen-take';
import { summarizeRequest } from '../../../shared/catalog/request-summary';
import { useModelsStore } from '../models';
import { useBoardsStore } from './boards-store';

/** How long the take a shot plays is, as the window knows it: its library item's length, else the shot's request. */
export function useTakeLength(shot: Shot): number {
  const catalog = useModelsStore((state) => state.catalog);
  const takeItems = useBoardsStore((state) => state.takeItems);
  const take = chosenTake(shot);
  return (
    (take ? takeItems.get(take.itemId)?.duration : null) ??
    summarizeRequest(catalog, shot.model, shot.params).seconds ??
    0
  );
}
