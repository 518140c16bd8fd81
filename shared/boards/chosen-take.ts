import type { Shot, Storyboard, Take } from './board-models';

/** A take whose video is in the library. */
export type FiledTake = Take & { readonly itemId: string };

const isFiled = (take: Take): take is FiledTake => take.itemId !== null;

/** The take a shot plays and exports: the chosen one when it is filed, else its newest filed take; null if none. */
export function chosenTake(shot: Shot): FiledTake | null {
  const filed = shot.takes.filter(isFiled);
  return filed.find((take) => take.jobId === shot.chosenJobId) ?? filed.at(-1) ?? null;
}

/** The sequence as it plays: each shot with the take it uses, in order; shots with no filed take are left out. */
export function sequenceOf(
  board: Storyboard,
): { readonly shot: Shot; readonly index: number; readonly take: FiledTake }[] {
  return board.shots.flatMap((shot, index) => {
    const take = chosenTake(shot);
    return take ? [{ shot, index, take }] : [];
  });
}
