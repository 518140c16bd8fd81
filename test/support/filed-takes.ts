import { randomUUID } from 'node:crypto';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import type { Storyboard } from '../../shared/boards/board-models';
import type { BoardService } from '../../electron/services/boards/board-service';
import type { LibraryService } from '../../electron/services/library/library-service';
import type { BoardStore } from '../../electron/services/storage/board-store';

/**
 * A storyboard of one shot per clip, each with the clip filed in the library as its take (as a finished job would
 * file it): the film a test then exports.
 */
export async function boardOfTakes(
  services: { readonly boards: BoardService; readonly boardStore: BoardStore },
  library: LibraryService,
  title: string,
  clips: readonly string[],
  scratch: string,
): Promise<Storyboard> {
  const takes: { jobId: string; itemId: string; createdAt: string }[] = [];
  for (const [index, clip] of clips.entries()) {
    // Filing moves the file in: a copy of the fixture goes.
    const download = path.join(scratch, `download-${randomUUID()}.mp4`);
    await copyFile(clip, download);
    const jobId = randomUUID();
    const item = await library.addVideo({
      videoFile: download,
      title: `Take ${index + 1}`,
      generation: {
        prompt: `Shot ${index + 1}`,
        model: 'veo3.1-fast-official',
        params: { duration: 8 },
        duration: 8,
        aspect: '16:9',
        resolution: '720p',
        taskId: null,
        jobId,
        draftId: null,
        draftVersionId: null,
      },
      createdAt: new Date(),
      completedAt: new Date(),
    });
    takes.push({ jobId, itemId: item.id, createdAt: new Date().toISOString() });
  }
  let board = services.boards.create({ title });
  for (let shot = 0; shot < clips.length; shot += 1) board = services.boards.addShot(board.id);
  services.boardStore.save({
    ...board,
    shots: board.shots.map((shot, index) => ({
      ...shot,
      prompt: `Shot ${index + 1}`,
      takes: takes.slice(index, index + 1),
      chosenJobId: takes[index]?.jobId ?? null,
    })),
  });
  return services.boards.get(board.id);
}
