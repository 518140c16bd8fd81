import type { Shot, Storyboard } from '../../../shared/boards/board-models';
import { sequenceOf } from '../../../shared/boards/chosen-take';
import { currentAudio } from '../../../shared/boards/voice-over';
import { withoutTrims } from '../../../shared/boards/film-timeline';
import type { LibraryItem } from '../../../shared/library/library-models';
import { fromBase64, toBase64 } from '../../lib/base64';
import { api, unwrap } from '../../lib/bridge';
import { encodeTakes } from './encode-takes';
import { takeLength } from './take-length';
import { useModelsStore } from '../models';
import { measureFilm, mixFilmSound } from './film-sound';
import { subtitleOverlay } from './burn-subtitles';
import { subtitleCues } from '../../../shared/boards/subtitles';
import type { FiledTake } from '../../../shared/boards/chosen-take';

/** What the window sends to main goes in pieces of this many bytes (8 MB of base64 each). */
const UPLOAD_PIECE = 6 * 1024 * 1024;

/** Whether any shot in the film plays part of its take. */
export function trimsTakes(board: Storyboard): boolean {
  return sequenceOf(board).some(({ shot }) => shot.trim.in > 0 || shot.trim.out !== null);
}

/**
 * Whether the film's sound is more than its takes' own, as filed: a spoken line, music, a take's volume changed or
 * muted, or a trim (which cuts the take's sound too). Such a film is mixed in the window; any other is joined in main
 * with its takes' sound copied as it is.
 */
export function needsWindowExport(board: Storyboard): boolean {
  return (
    board.music.length > 0 ||
    trimsTakes(board) ||
    sequenceOf(board).some(
      ({ shot }) => shot.sound.muted || shot.sound.volume !== 1 || currentAudio(board, shot) !== null,
    )
  );
}

/** How a window export goes: the board, its takes' library items, and whether the takes are encoded again. */
export interface WindowExport {
  readonly board: Storyboard;
  readonly takeItems: ReadonlyMap<string, LibraryItem>;
  /** Encode the takes again (their codec parameters differ, or shots are trimmed); else main joins them as filed. */
  readonly encode: boolean;
  /** Burn the film's subtitles into its pictures (which encodes the takes again). */
  readonly burnSubtitles?: boolean;
  readonly signal: AbortSignal;
  readonly onProgress: (fraction: number) => void;
}

/**
 * Exports the film from the window: the takes encoded again where needed (cut to their trims), the film's sound
 * mixed and encoded here, both sent to main in pieces, and main joins them under the board's chapters, subtitles and
 * record. Whatever was sent is discarded if anything fails.
 */
export async function exportFromWindow(job: WindowExport): Promise<LibraryItem> {
  const { board, takeItems } = job;
  const encode = job.encode || job.burnSubtitles === true;
  const { uploadId } = await unwrap(api().boards.beginEncoded({ id: board.id, takes: encode, soundtrack: true }));
  const send = async (part: 'take' | 'soundtrack', index: number, bytes: Uint8Array) => {
    for (let offset = 0; offset < bytes.length; offset += UPLOAD_PIECE) {
      const data = toBase64(bytes.subarray(offset, offset + UPLOAD_PIECE));
      await unwrap(api().boards.writeEncoded({ uploadId, part, index, offset, data }));
    }
  };
  try {
    const sequence = sequenceOf(board);
    const urlOf = (itemId: string) => takeItems.get(itemId)?.videoUrl ?? '';
    const sources = {
      // Takes joined as filed play whole: the sound follows the film main will make.
      board: encode ? board : withoutTrims(board),
      takeSeconds: (_take: FiledTake, shot: Shot) => takeLength(shot, takeItems, useModelsStore.getState().catalog),
      takeBytes: async (take: FiledTake) => {
        const response = await fetch(urlOf(take.itemId)).catch(() => null);
        return response?.ok ? response.arrayBuffer() : null;
      },
    };
    const measured = await measureFilm(sources);
    const cues = job.burnSubtitles ? subtitleCues(measured.film) : [];
    // Encoding pictures is most of the work when it happens; mixing the sound is the rest; joining, the last tenth.
    const soundFrom = encode ? 0.6 : 0;
    if (encode)
      await encodeTakes({
        overlay: (index) => {
          const clip = measured.film.clips[index];
          return cues.length > 0 && clip ? subtitleOverlay(cues, board.subtitleStyle, clip.start) : null;
        },
        urls: sequence.map(({ take }) => urlOf(take.itemId)),
        // Cut as the film timeline cuts them (its lengths measured from the files), so pictures and sound agree.
        trims: measured.film.clips.map((clip) => ({ start: clip.sourceIn, end: clip.sourceOut })),
        keepSound: false,
        signal: job.signal,
        onProgress: (fraction) => job.onProgress(fraction * soundFrom),
        deliver: (index, bytes) => send('take', index, bytes),
      });
    const sound = await mixFilmSound(
      {
        ...sources,
        lineBytes: async (clip) => {
          const line = await unwrap(api().boards.lineAudio({ id: board.id, shotId: clip.shot.id }));
          return line ? fromBase64(line.wav).buffer : null;
        },
        musicBytes: async (bed) => {
          const music = await unwrap(api().boards.musicAudio({ id: board.id, musicId: bed.id }));
          return music ? fromBase64(music.data).buffer : null;
        },
        signal: job.signal,
        onProgress: (fraction) => job.onProgress(soundFrom + fraction * (0.9 - soundFrom)),
      },
      measured,
    );
    await send('soundtrack', 0, sound.bytes);
    return await unwrap(
      api().boards.finishEncoded({
        id: board.id,
        uploadId,
        sound: { codec: sound.codec, loudness: sound.loudness },
      }),
    );
  } catch (error) {
    await unwrap(api().boards.discardEncoded({ uploadId })).catch(() => undefined);
    throw error;
  }
}
