import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { constants } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { ALL_FORMATS, FilePathSource, Input } from 'mediabunny';
import type { MusicBed, Storyboard } from '../../../shared/boards/board-models';
import { appError } from '../../../shared/i18n/error-text';
import type { BoardService } from './board-service';

/** The sound files a music bed may be: what mediabunny reads (WAV, MP3, AAC in M4A, FLAC, Ogg Vorbis and Opus). */
const AUDIO_EXTENSIONS = new Set(['wav', 'mp3', 'm4a', 'aac', 'flac', 'ogg', 'oga', 'opus']);

/** The user's music and sound files under a film, kept in the board's folder. */
export interface MusicFiles {
  /** Checks that `file` is a sound file with audio, copies it into the board's folder and adds it under the whole film. */
  add(boardId: string, file: string): Promise<Storyboard>;
  /** Where a bed's file is. */
  fileOf(boardId: string, bed: Pick<MusicBed, 'file'>): string;
}

const sha256Of = (file: string) =>
  new Promise<string>((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });

/** The length of a file's audio, or null when it has none mediabunny can read. */
async function audioLength(file: string): Promise<number | null> {
  const input = new Input({ source: new FilePathSource(file), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryAudioTrack();
    if (!track) return null;
    const seconds = await track.computeDuration();
    return seconds > 0 ? seconds : null;
  } catch {
    return null;
  } finally {
    input.dispose();
  }
}

export function createMusicFiles(deps: { readonly boards: BoardService; readonly boardsDir: string }): MusicFiles {
  const folderOf = (boardId: string) => path.join(deps.boardsDir, boardId, 'music');
  return {
    async add(boardId, file) {
      deps.boards.get(boardId);
      const name = path.basename(file);
      const extension = path.extname(file).slice(1).toLowerCase();
      const seconds = AUDIO_EXTENSIONS.has(extension) ? await audioLength(file) : null;
      if (seconds === null) throw appError('invalidInput', 'error.music.notAudio', { name });
      // One copy per content: the same file added twice (or to two places) is stored once.
      const stored = `${await sha256Of(file)}.${extension}`;
      const target = path.join(folderOf(boardId), stored);
      await mkdir(folderOf(boardId), { recursive: true });
      const temporary = `${target}.${randomUUID()}.part`;
      try {
        await copyFile(file, temporary, constants.COPYFILE_FICLONE);
        await rename(temporary, target);
      } finally {
        await rm(temporary, { force: true });
      }
      return deps.boards.addMusic(boardId, {
        id: randomUUID(),
        file: stored,
        name,
        seconds,
        fromShotId: null,
        toShotId: null,
        volume: 0.6,
        fadeIn: 1,
        fadeOut: 2,
        duck: true,
      });
    },
    fileOf(boardId, bed) {
      return path.join(folderOf(boardId), bed.file);
    },
  };
}
