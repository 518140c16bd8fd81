import type { Shot } from '../../../shared/boards/board-models';
import { useModelsStore } from '../models';
import { useBoardsStore } from './boards-store';
import { takeLength } from './take-length';

/** `takeLength` for a component, following the library items and the catalog as they change. */
export function useTakeLength(shot: Shot): number {
  const catalog = useModelsStore((state) => state.catalog);
  const takeItems = useBoardsStore((state) => state.takeItems);
  return takeLength(shot, takeItems, catalog);
}
