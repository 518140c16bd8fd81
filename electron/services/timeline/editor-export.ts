import { constants } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Storyboard } from '../../../shared/boards/board-models';
import type { ModelCatalog } from '../../../shared/catalog/video-model';
import { appError } from '../../../shared/i18n/error-text';
import { boardFilm } from '../boards/board-film';
import type { VoiceOverService } from '../boards/voice-over-service';
import type { MusicFiles } from '../boards/music-files';
import type { LibraryService } from '../library/library-service';
import { editorTimeline, type EditorTimeline } from './editor-timeline';
import { toMlt } from './mlt-file';
import { toOtio } from './otio-file';
import { videoFacts } from './video-facts';

/** The timeline formats editors open: OpenTimelineIO (DaVinci Resolve) and MLT XML (Kdenlive, Shotcut). */
export type TimelineFormat = 'otio' | 'mlt';

/** What was written: the timeline file, the folder of media beside it, and the timeline itself. */
export interface EditorExport {
  readonly file: string;
  readonly mediaDir: string;
  readonly timeline: EditorTimeline;
}

const two = (value: number) => String(value).padStart(2, '0');

/**
 * Writes the board as a timeline file for an editor, with its media copied into a folder beside it
 * (`<name>-media/`: each shot's take and spoken line), named relative to the file so the folder can move.
 */
export async function exportEditorTimeline(
  board: Storyboard,
  deps: {
    readonly library: LibraryService;
    readonly catalog: ModelCatalog;
    readonly voiceOver: VoiceOverService;
    readonly musicFiles: MusicFiles;
  },
  file: string,
  format: TimelineFormat,
): Promise<EditorExport> {
  const film = await boardFilm(board, deps.library, deps.catalog);
  if (film.clips.length === 0) throw appError('invalidInput', 'error.board.nothingToExport');
  const base = path.basename(file, path.extname(file));
  const mediaName = `${base}-media`;
  const mediaDir = path.join(path.dirname(file), mediaName);
  await mkdir(mediaDir, { recursive: true });
  const takes: { path: string; seconds: number }[] = [];
  const lines: ({ path: string; seconds: number } | null)[] = [];
  let first: Awaited<ReturnType<typeof videoFacts>> | null = null;
  for (const clip of film.clips) {
    const source = await deps.library.mediaFile('video', clip.take.itemId);
    if (!source) throw appError('notFound', 'error.board.takeMissing', { shot: clip.index + 1 });
    const facts = await videoFacts(source);
    first ??= facts;
    const name = `shot${two(clip.index + 1)}${path.extname(source) || '.mp4'}`;
    // A copy-on-write clone where the disk offers one (APFS, Btrfs, ReFS): no second copy of the bytes.
    await copyFile(source, path.join(mediaDir, name), constants.COPYFILE_FICLONE);
    takes.push({ path: `${mediaName}/${name}`, seconds: facts.seconds });
    if (clip.line) {
      const spoken = `line${two(clip.index + 1)}.wav`;
      await copyFile(
        deps.voiceOver.audioFile(board.id, clip.line),
        path.join(mediaDir, spoken),
        constants.COPYFILE_FICLONE,
      );
      lines.push({ path: `${mediaName}/${spoken}`, seconds: clip.line.seconds });
    } else lines.push(null);
  }
  if (!first) throw appError('invalidInput', 'error.board.nothingToExport');
  const music = [];
  for (const [at, bed] of board.music.entries()) {
    const name = `music${two(at + 1)}${path.extname(bed.file)}`;
    await copyFile(deps.musicFiles.fileOf(board.id, bed), path.join(mediaDir, name), constants.COPYFILE_FICLONE);
    music.push({ ...bed, path: `${mediaName}/${name}` });
  }
  const timeline = editorTimeline(film, {
    title: board.title.trim() || 'Storyboard',
    rate: first.rate,
    width: first.width,
    height: first.height,
    takeMedia: (index) => takes[index] ?? { path: '', seconds: 0 },
    voiceMedia: (index) => lines[index] ?? null,
    music,
  });
  await writeFile(file, format === 'otio' ? toOtio(timeline) : toMlt(timeline));
  return { file, mediaDir, timeline };
}
