import type { MusicBed, Storyboard } from '../../../shared/boards/board-models';
import { api, unwrap } from '../../lib/bridge';
import { useBoardsStore } from './boards-store';

const apply = (work: (board: Storyboard) => Promise<Storyboard>) => useBoardsStore.getState().apply(work);

/** The music under the film's calls to the main process; each shows the board it answers. */
export const musicActions = {
  /** Asks for a sound file in main's own picker; nothing changes when the user cancels. */
  add: () => apply(async (board) => (await unwrap(api().boards.addMusic({ id: board.id }))) ?? board),
  change: (musicId: string, patch: Partial<Pick<MusicBed, 'fromShotId' | 'toShotId' | 'volume' | 'duck'>>) =>
    apply((board) => unwrap(api().boards.updateMusic({ id: board.id, musicId, patch }))),
  remove: (musicId: string) => apply((board) => unwrap(api().boards.removeMusic({ id: board.id, musicId }))),
};
