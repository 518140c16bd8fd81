import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { sequenceOf } from '../../../shared/boards/chosen-take';
import type { SequenceRecord, Storyboard } from '../../../shared/boards/board-models';
import type { FilmTimeline } from '../../../shared/boards/film-timeline';
import { subtitleCues, toVtt } from '../../../shared/boards/subtitles';
import { bedSpan } from '../../../shared/audio/film-mix';
import type { LibraryItem } from '../../../shared/library/library-models';
import { appError } from '../../../shared/i18n/error-text';
import type { LibraryService } from '../library/library-service';
import { remuxClips, RemuxMismatch } from '../media/mp4-remux';

/** A hidden folder inside the library: the joined file is moved into place on the same disk. */
export const EXPORTS_FOLDER = '.reelbench-exports';

/** What exporting a sequence reports as it goes, and how it is stopped. */
export interface SequenceExportOptions {
  readonly onProgress?: (fraction: number) => void;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
  /**
   * The takes as the window encoded them again (one file per shot of the sequence, in order) when their own codec
   * parameters differ: joined instead of the library's files, and the film is recorded as not lossless.
   */
  readonly encodedFiles?: readonly string[];
  /**
   * The board as the film plays it (take lengths measured, trims applied): its spoken lines and transcribed dialogue
   * become the film's subtitle track, and its lines, voices and trims are listed in the film's record.
   */
  readonly film?: FilmTimeline;
  /** The film's mixed sound (an audio-only file the window encoded), with how it was made; else the takes' own. */
  readonly soundtrack?: { readonly file: string; readonly codec: string; readonly loudness: number | null };
}

/** Who speaks a line, as the record names them. */
const speakerOf = (board: Storyboard, speakerId: string | null) =>
  board.characters.find((character) => character.id === speakerId)?.name ?? 'Narrator';

/** A chapter title: the shot's number and the first words of its prompt. */
const chapterTitle = (index: number, prompt: string): string => {
  const words = prompt.trim().split(/\s+/).slice(0, 8).join(' ');
  return words ? `${index + 1}. ${words}` : `${index + 1}`;
};

/**
 * Joins a storyboard's chosen takes, in order, into one MP4 filed in the library, with a chapter at each shot and a
 * sidecar listing its shots and takes. The takes' packets are copied as they are; takes whose codec parameters differ
 * are refused with the reason (`boardExportNeedsEncode`): the window then encodes them again itself.
 */
export async function exportSequence(
  board: Storyboard,
  library: LibraryService,
  options: SequenceExportOptions = {},
): Promise<LibraryItem> {
  const sequence = sequenceOf(board);
  if (sequence.length === 0) throw appError('invalidInput', 'error.board.nothingToExport');
  if (options.encodedFiles && options.encodedFiles.length !== sequence.length)
    throw appError('invalidInput', 'error.board.encodedMismatch');
  const clips: { file: string; title: string }[] = [];
  for (const [at, { shot, index, take }] of sequence.entries()) {
    const file = options.encodedFiles?.[at] ?? (await library.mediaFile('video', take.itemId));
    if (!file) throw appError('notFound', 'error.board.takeMissing', { shot: index + 1 });
    clips.push({ file, title: chapterTitle(index, shot.prompt) });
  }
  const folder = path.join(library.root, EXPORTS_FOLDER);
  await mkdir(folder, { recursive: true });
  const joined = path.join(folder, `${randomUUID()}.mp4`);
  const title = board.title.trim() || 'Storyboard';
  try {
    const cues = options.film ? subtitleCues(options.film) : [];
    const result = await remuxClips(clips, joined, {
      chapters: true,
      ...(cues.length > 0 ? { webvtt: toVtt(cues) } : {}),
      ...(options.soundtrack ? { soundtrack: options.soundtrack.file } : {}),
      tags: { title, comment: `A Reelbench storyboard of ${clips.length} shots` },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const starts = result.chapters.map((chapter) => chapter.start);
    const film = options.film;
    const record: SequenceRecord = {
      boardId: board.id,
      boardTitle: title,
      lossless: options.encodedFiles === undefined,
      shots: sequence.map(({ shot, take }, at) => {
        const clip = film?.clips[at];
        const line = clip?.line ?? null;
        return {
          shotId: shot.id,
          jobId: take.jobId,
          itemId: take.itemId,
          title: clips[at]?.title ?? '',
          start: starts[at] ?? 0,
          duration: (starts[at + 1] ?? result.duration) - (starts[at] ?? 0),
          ...(clip ? { trim: { in: clip.sourceIn, out: clip.sourceOut } } : {}),
          line: line
            ? {
                text: line.text,
                speaker: speakerOf(board, shot.voiceOver?.speakerId ?? null),
                voice: line.voice,
                speed: line.speed,
              }
            : null,
        };
      }),
      sound: {
        source: options.soundtrack ? 'mix' : 'takes',
        codec: options.soundtrack?.codec ?? null,
        loudness: options.soundtrack?.loudness ?? null,
        music:
          options.soundtrack && film
            ? board.music.flatMap((bed) => {
                const span = bedSpan(film, bed);
                return span ? [{ name: bed.name, start: span.start, end: span.end, volume: bed.volume }] : [];
              })
            : [],
      },
      subtitles: cues.length,
    };
    const at = (options.now ?? (() => new Date()))();
    return await library.addVideo({
      videoFile: joined,
      title,
      generation: null,
      extra: { sequence: record },
      createdAt: at,
      completedAt: at,
    });
  } catch (error) {
    if (error instanceof RemuxMismatch)
      throw appError('needsEncode', 'error.board.exportNeedsEncode', { reason: error.message });
    if (options.signal?.aborted) throw appError('cancelled', 'error.board.exportCancelled');
    throw error;
  } finally {
    await rm(joined, { force: true });
  }
}
