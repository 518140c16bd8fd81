import { defaultModelId } from '../../../shared/catalog/model-catalog';
import { useBoardsStore } from './boards-store';
import { useModelsStore } from '../models';
import { useScriptStore } from './script-store';

/** Opens "From a script" for the open board's model (else the default one). */
export function openScript(): void {
  const board = useBoardsStore.getState().board;
  const catalog = useModelsStore.getState().catalog;
  useScriptStore.getState().openDialog(board?.shots[0]?.model ?? defaultModelId(catalog, null));
}
