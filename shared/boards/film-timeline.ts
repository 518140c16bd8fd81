import type { Shot, SpokenLine, Storyboard } from './board-models';
import { sequenceOf, type FiledTake } from './chosen-take';
import { currentAudio } from './voice-over';

/** One shot as it plays in the film: which part of its take, where in the film, and its line's audio. */
export interface FilmClip {
  readonly shot: Shot;
  /** The shot's place on the board (0-based). */
  readonly index: number;
  readonly take: FiledTake;
  /** Where it starts in the film (seconds). */
  readonly start: number;
  /** The part of the take it plays (seconds into the take). */
  readonly sourceIn: number;
  readonly sourceOut: number;
  readonly duration: number;
  /** The shot's line as spoken (only audio spoken from the line as it stands now). */
  readonly line: SpokenLine | null;
}

/** The board as one film: its clips in order and its length. */
export interface FilmTimeline {
  readonly clips: readonly FilmClip[];
  readonly duration: number;
}

/**
 * The part of a take of `length` seconds a shot plays: its trim, kept within the take (a trim past the end plays to
 * the end; one that leaves nothing plays the whole take).
 */
export function trimmedPart(
  shot: Pick<Shot, 'trim'>,
  length: number,
): { readonly sourceIn: number; readonly sourceOut: number; readonly duration: number } {
  const sourceIn = Math.min(Math.max(0, shot.trim.in), length);
  const sourceOut = Math.min(shot.trim.out ?? length, length);
  return sourceOut - sourceIn <= 0
    ? { sourceIn: 0, sourceOut: length, duration: length }
    : { sourceIn, sourceOut, duration: sourceOut - sourceIn };
}

/**
 * Lays the board's chosen takes end to end, each cut to its trim (a trim past the take's end plays to its end; one
 * that leaves nothing plays the whole take). `takeSeconds` says how long each take is (its library item's duration);
 * a take of unknown length plays whole and counts as its shot's requested length.
 */
export function filmTimeline(board: Storyboard, takeSeconds: (take: FiledTake, shot: Shot) => number): FilmTimeline {
  let start = 0;
  const clips = sequenceOf(board).map(({ shot, index, take }) => {
    const clip: FilmClip = {
      shot,
      index,
      take,
      start,
      ...trimmedPart(shot, takeSeconds(take, shot)),
      line: currentAudio(board, shot),
    };
    start += clip.duration;
    return clip;
  });
  return { clips, duration: start };
}

/** The board with every shot playing its whole take: the film as joined when the takes are not encoded again. */
export function withoutTrims(board: Storyboard): Storyboard {
  return { ...board, shots: board.shots.map((shot) => ({ ...shot, trim: { in: 0, out: null } })) };
}
