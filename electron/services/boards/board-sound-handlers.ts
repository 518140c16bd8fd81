import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { subtitleCues, toSrt, toVtt } from '../../../shared/boards/subtitles';
import { currentAudio } from '../../../shared/boards/voice-over';
import { appError } from '../../../shared/i18n/error-text';
import type { DesktopShell } from '../desktop/desktop-shell';
import type { IpcHandlers } from '../ipc/router';
import type { LibraryHost } from '../library/library-host';
import { fileStemFor } from '../library/library-paths';
import type { ModelCatalogService } from '../models/model-catalog-service';
import { exportEditorTimeline } from '../timeline/editor-export';
import { boardFilm } from './board-film';
import type { BoardService } from './board-service';
import type { VoiceOverService } from './voice-over-service';
import type { MusicFiles } from './music-files';
import type { DialogueService } from './dialogue-service';

/** The storyboard channels about sound and what leaves the app besides the film. */
export type BoardSoundChannel =
  | 'boards.setNarratorVoice'
  | 'boards.setSubtitleStyle'
  | 'boards.voiceEstimate'
  | 'boards.speakLine'
  | 'boards.lineAudio'
  | 'boards.musicAudio'
  | 'boards.setDialogueCues'
  | 'boards.exportSubtitles'
  | 'boards.exportTimeline'
  | 'boards.addMusic'
  | 'boards.updateMusic'
  | 'boards.removeMusic'
  | 'boards.transcribeTake';

/** What the sound handlers use. */
export interface BoardSoundDeps {
  readonly boards: BoardService;
  readonly voiceOver: VoiceOverService;
  readonly musicFiles: MusicFiles;
  readonly dialogue: DialogueService;
  readonly library: LibraryHost;
  readonly models: ModelCatalogService;
  readonly desktop: DesktopShell;
  readonly now?: () => Date;
}

/** Handlers of voice-over, subtitles and the editor timeline. */
export function createBoardSoundHandlers(deps: BoardSoundDeps): Pick<IpcHandlers, BoardSoundChannel> {
  const now = deps.now ?? (() => new Date());
  const film = (id: string) => boardFilm(deps.boards.get(id), deps.library.current(), deps.models.current());
  /** A file named after the board in a folder the user picks; null when they cancel. */
  const destination = async (id: string, extension: string) => {
    const folder = await deps.desktop.chooseFolder('export');
    if (!folder) return null;
    return path.join(folder, `${fileStemFor(deps.boards.get(id).title.trim() || 'Storyboard', now())}.${extension}`);
  };
  return {
    'boards.setNarratorVoice': ({ id, voice }) => deps.boards.setNarratorVoice(id, voice),
    'boards.setSubtitleStyle': ({ id, style }) => deps.boards.setSubtitleStyle(id, style),
    // The file comes from main's own picker: the window never names a path to read.
    'boards.addMusic': async ({ id }) => {
      const file = await deps.desktop.chooseFile('audio');
      return file === null ? null : deps.musicFiles.add(id, file);
    },
    'boards.updateMusic': ({ id, musicId, patch }) => deps.boards.updateMusic(id, musicId, patch),
    'boards.removeMusic': ({ id, musicId }) => deps.boards.removeMusic(id, musicId),
    'boards.transcribeTake': ({ id, shotId }) => deps.dialogue.transcribe(id, shotId),
    'boards.voiceEstimate': ({ id, shotIds }) => deps.voiceOver.estimate(id, shotIds),
    'boards.speakLine': ({ id, shotId }) => deps.voiceOver.speak(id, shotId),
    'boards.lineAudio': async ({ id, shotId }) => {
      const board = deps.boards.get(id);
      const shot = board.shots.find((candidate) => candidate.id === shotId);
      if (!shot) throw appError('notFound', 'error.board.shotNotFound');
      const audio = currentAudio(board, shot);
      if (!audio) return null;
      const bytes = await readFile(deps.voiceOver.audioFile(id, audio)).catch(() => null);
      return bytes ? { wav: bytes.toString('base64') } : null;
    },
    'boards.setDialogueCues': ({ id, shotId, cues }) => {
      const shot = deps.boards.get(id).shots.find((candidate) => candidate.id === shotId);
      if (!shot) throw appError('notFound', 'error.board.shotNotFound');
      // Only what was heard can be corrected: the cues stay tied to the take they were heard in.
      if (!shot.dialogue) throw appError('invalidInput', 'error.board.noDialogue');
      const kept = cues.filter((cue) => cue.text.trim() !== '').map((cue) => ({ ...cue, text: cue.text.trim() }));
      return deps.boards.setDialogue(id, shotId, { jobId: shot.dialogue.jobId, cues: kept });
    },
    'boards.musicAudio': async ({ id, musicId }) => {
      const bed = deps.boards.get(id).music.find((candidate) => candidate.id === musicId);
      if (!bed) throw appError('notFound', 'error.music.notFound');
      const bytes = await readFile(deps.musicFiles.fileOf(id, bed)).catch(() => null);
      return bytes ? { data: bytes.toString('base64') } : null;
    },
    'boards.exportSubtitles': async ({ id, format }) => {
      const cues = subtitleCues(await film(id));
      if (cues.length === 0) throw appError('invalidInput', 'error.board.noSubtitles');
      const file = await destination(id, format);
      if (!file) return null;
      await writeFile(file, format === 'srt' ? toSrt(cues) : toVtt(cues));
      return { file, cues: cues.length };
    },
    'boards.exportTimeline': async ({ id, format }) => {
      const file = await destination(id, format);
      if (!file) return null;
      const written = await exportEditorTimeline(
        deps.boards.get(id),
        {
          library: deps.library.current(),
          catalog: deps.models.current(),
          voiceOver: deps.voiceOver,
          musicFiles: deps.musicFiles,
        },
        file,
        format,
      );
      return { file: written.file, mediaDir: written.mediaDir };
    },
  };
}
