import type { Storyboard } from '../../../../shared/boards/board-models';
import type { CliContext } from '../../cli-context';
import { shotFacts } from '../../commands/board';

/** The URI of a storyboard as a resource. */
export const boardUri = (id: string) => `reelbench://board/${id}`;

/** A storyboard as an agent reads it: its shots in order (as `board show --json` lists them) and its characters. */
export async function boardFacts(board: Storyboard, context: CliContext): Promise<Record<string, unknown>> {
  const library = (await context.library()).current();
  return {
    id: board.id,
    uri: boardUri(board.id),
    title: board.title,
    updatedAt: board.updatedAt,
    characters: board.characters.map(({ name, description }) => ({ name, description })),
    shots: await shotFacts(board, library),
  };
}
