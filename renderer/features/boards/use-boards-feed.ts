import { useEffect } from 'react';
import { listen } from '../../lib/bridge';
import { useJobsStore } from '../queue';
import { useBoardsStore } from './boards-store';
import { useScriptStore } from './script-store';

/**
 * Loads the storyboards, follows an export's progress and the takes' library items (a poster captured), and reads
 * the open board again when one of its takes' jobs finishes (the take then has its video).
 */
export function useBoardsFeed(): void {
  useEffect(() => {
    const { load, receiveProgress, receiveItem } = useBoardsStore.getState();
    const stop = listen((bridge) => [
      bridge.boards.onProgress(({ id, fraction }) => receiveProgress(id, fraction)),
      bridge.script.onProgress(({ requestId, ...progress }) =>
        useScriptStore.getState().receiveProgress(requestId, progress),
      ),
      bridge.library.onItem((event) => {
        if (event.kind === 'changed') receiveItem(event.item);
      }),
      useJobsStore.subscribe((state, previous) => {
        const board = useBoardsStore.getState().board;
        if (!board) return;
        const waiting = new Set(
          board.shots.flatMap((shot) => shot.takes.filter((take) => take.itemId === null).map((take) => take.jobId)),
        );
        const finished = state.jobs.some(
          (job) =>
            waiting.has(job.id) &&
            job.phase === 'done' &&
            previous.jobs.find((before) => before.id === job.id)?.phase !== 'done',
        );
        if (finished) void useBoardsStore.getState().refresh();
      }),
    ]);
    if (!stop) return undefined;
    void load();
    return stop;
  }, []);
}
