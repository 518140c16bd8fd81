import { createHash } from 'node:crypto';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  SPEECH_MODEL,
  estimatedSpeechSeconds,
  type SpeechUsageEntry,
  type VoiceEstimate,
} from '../../../shared/audio/speech';
import type { SpokenLine, Storyboard, VoiceOver } from '../../../shared/boards/board-models';
import { currentAudio, voiceOfLine } from '../../../shared/boards/voice-over';
import { appError } from '../../../shared/i18n/error-text';
import { ApiError } from '../apimart/api-error';
import type { ApimartClient } from '../apimart/apimart-client';
import { writeFileAtomically } from '../system/atomic-file';
import { mediaSeconds } from '../media/media-seconds';
import type { BoardService } from './board-service';

/** Voice-over: each shot's line spoken by APIMart's speech model, kept in the board's folder. */
export interface VoiceOverService {
  /** What speaking these shots' lines (all shots by default) would cost; lines already spoken as they are are free. */
  estimate(boardId: string, shotIds?: readonly string[]): Promise<VoiceEstimate>;
  /**
   * Speaks a shot's line unless its audio is already on disk (then nothing is sent), records the cost in the usage
   * ledger and answers the board. The same words in the same voice and speed are spoken once, whichever shot asks.
   */
  speak(boardId: string, shotId: string, options?: { readonly signal?: AbortSignal }): Promise<Storyboard>;
  /** Where a spoken line's audio is. */
  audioFile(boardId: string, audio: SpokenLine): string;
}

/** What the service is built from. */
export interface VoiceOverDeps {
  readonly boards: BoardService;
  readonly client: () => ApimartClient;
  /** The boards' own folder: each board's voice-over is in `<boardsDir>/<id>/voice/`. */
  readonly boardsDir: string;
  readonly recordUsage: (entry: SpeechUsageEntry) => void;
  /** What one spoken line costs (USD), or null when unknown. */
  readonly pricePerLine: () => number | null;
  readonly now?: () => Date;
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

export function createVoiceOverService(deps: VoiceOverDeps): VoiceOverService {
  const now = deps.now ?? (() => new Date());
  const folderOf = (boardId: string) => path.join(deps.boardsDir, boardId, 'voice');
  /** One file per words, voice and speed: the same line is spoken once, whichever shot asks for it. */
  const fileFor = (boardId: string, board: Storyboard, line: VoiceOver) => {
    const words = [SPEECH_MODEL, voiceOfLine(board, line), line.speed, line.text.trim()];
    return path.join(folderOf(boardId), `${createHash('sha256').update(JSON.stringify(words)).digest('hex')}.wav`);
  };
  const shotAt = (board: Storyboard, shotId: string) => {
    const index = board.shots.findIndex((shot) => shot.id === shotId);
    const shot = board.shots[index];
    if (!shot) throw appError('notFound', 'error.board.shotNotFound');
    return { shot, index };
  };

  return {
    async estimate(boardId, shotIds) {
      const board = deps.boards.get(boardId);
      const lines = [];
      let characters = 0;
      for (const [index, shot] of board.shots.entries()) {
        const line = shot.voiceOver;
        if (!line || line.text.trim() === '' || (shotIds !== undefined && !shotIds.includes(shot.id))) continue;
        if (await exists(fileFor(boardId, board, line))) continue;
        lines.push({ shotId: shot.id, index, seconds: estimatedSpeechSeconds(line.text, line.speed) });
        characters += line.text.trim().length;
      }
      const price = deps.pricePerLine();
      return { lines, characters, cost: price === null ? null : Math.round(price * lines.length * 1e6) / 1e6 };
    },

    async speak(boardId, shotId, options = {}) {
      const board = deps.boards.get(boardId);
      const { shot, index } = shotAt(board, shotId);
      const line = shot.voiceOver;
      if (!line) throw appError('invalidInput', 'error.board.noLine');
      const text = line.text.trim();
      if (text === '') throw appError('invalidInput', 'error.board.lineEmpty', { shot: index + 1 });
      const voice = voiceOfLine(board, line);
      const file = fileFor(boardId, board, line);
      const spokenNow = !(await exists(file));
      // Spoken before, and the board says so: nothing to send, nothing to record.
      if (!spokenNow && currentAudio(board, shot)?.file === path.basename(file)) return board;
      if (spokenNow) {
        let audio: Uint8Array;
        try {
          audio = await deps.client().speak({ input: text, voice, speed: line.speed }, options);
        } catch (error) {
          if (error instanceof ApiError && error.code === 'unknownModel')
            throw appError('unknownModel', 'error.speech.unavailable', { model: SPEECH_MODEL });
          throw error;
        }
        // On disk before it is on the board or in the ledger: a crash after the charge keeps what was paid for.
        await mkdir(folderOf(boardId), { recursive: true });
        await writeFileAtomically(file, audio);
      }
      const seconds = await mediaSeconds(file);
      if (spokenNow)
        deps.recordUsage({
          at: now().toISOString(),
          model: SPEECH_MODEL,
          characters: text.length,
          seconds,
          cost: deps.pricePerLine(),
        });
      return deps.boards.setSpokenLine(boardId, shotId, {
        file: path.basename(file),
        seconds,
        text,
        voice,
        speed: line.speed,
      });
    },

    audioFile(boardId, audio) {
      return path.join(folderOf(boardId), audio.file);
    },
  };
}
