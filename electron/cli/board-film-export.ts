import { copyFile, writeFile } from 'node:fs/promises';
import { chosenTake } from '../../shared/boards/chosen-take';
import type { Storyboard } from '../../shared/boards/board-models';
import { withoutTrims } from '../../shared/boards/film-timeline';
import { subtitleCues, toSrt, toVtt } from '../../shared/boards/subtitles';
import type { LibraryItem } from '../../shared/library/library-models';
import { boardFilm } from '../services/boards/board-film';
import { exportSequence } from '../services/boards/sequence-export';
import { exportEditorTimeline } from '../services/timeline/editor-export';
import type { CliContext } from './cli-context';

/** What a film exported outside the window is: filed in the library, optionally copied out with its subtitles. */
export interface ExportedFilm {
  readonly item: LibraryItem;
  /** The film's file in the library. */
  readonly filed: string | null;
  /** The .srt and .vtt beside the copy (none without a copy, or without lines). */
  readonly subtitles: readonly string[];
  readonly timeline: { readonly file: string; readonly mediaDir: string } | null;
  readonly shots: number;
  /** What the window's export applies and this one does not (it cannot decode the takes' AAC sound here). */
  readonly notMixed: readonly string[];
}

function windowOnly(board: Storyboard): string[] {
  const shots = board.shots.filter((shot) => chosenTake(shot) !== null);
  return [
    ...(shots.some((shot) => shot.voiceOver?.audio) ? ['voice-over'] : []),
    ...(board.music.length > 0 ? ['music'] : []),
    ...(shots.some((shot) => shot.sound.muted || shot.sound.volume !== 1) ? ['take volumes'] : []),
    ...(shots.some((shot) => shot.trim.in > 0 || shot.trim.out !== null) ? ['trims'] : []),
  ];
}

/**
 * Joins a board's chosen takes (whole, with their own sound) into one film filed in the library, as `board export`
 * and the MCP server's `export_film` do; with `out`, also copies it there with its subtitles and, if asked, a
 * timeline for an editor beside it.
 */
export async function exportBoardFilm(
  board: Storyboard,
  context: CliContext,
  options: {
    readonly out: string | null;
    readonly timeline: 'otio' | 'mlt' | null;
    readonly onProgress?: (fraction: number) => void;
  },
): Promise<ExportedFilm> {
  const library = (await context.library()).current();
  const catalog = (await context.models()).current();
  const film = await boardFilm(withoutTrims(board), library, catalog);
  const item = await exportSequence(board, library, {
    film,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const filed = await library.mediaFile('video', item.id);
  const { out } = options;
  const cues = subtitleCues(film);
  const subtitles =
    out !== null && cues.length > 0 ? [out.replace(/\.mp4$/i, '.srt'), out.replace(/\.mp4$/i, '.vtt')] : [];
  if (out !== null && filed) await copyFile(filed, out);
  if (subtitles[0] && subtitles[1]) {
    await writeFile(subtitles[0], toSrt(cues));
    await writeFile(subtitles[1], toVtt(cues));
  }
  const timeline =
    out !== null && options.timeline
      ? await exportEditorTimeline(
          board,
          { library, catalog, voiceOver: context.voiceOver(), musicFiles: context.musicFiles() },
          out.replace(/\.mp4$/i, `.${options.timeline}`),
          options.timeline,
        )
      : null;
  return {
    item,
    filed,
    subtitles,
    timeline,
    shots: board.shots.filter((shot) => chosenTake(shot) !== null).length,
    notMixed: windowOnly(board),
  };
}
