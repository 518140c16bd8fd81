import { TRANSCRIPTION_MODEL, type SpeechUsageEntry } from '../../../shared/audio/speech';
import type { Storyboard } from '../../../shared/boards/board-models';
import { chosenTake } from '../../../shared/boards/chosen-take';
import { parseSrt } from '../../../shared/boards/subtitles';
import { appError } from '../../../shared/i18n/error-text';
import { ApiError } from '../apimart/api-error';
import type { ApimartClient } from '../apimart/apimart-client';
import type { LibraryService } from '../library/library-service';
import { mediaSeconds } from '../media/media-seconds';
import type { BoardService } from './board-service';

/** A take's own dialogue as subtitles, heard by APIMart's transcription model. */
export interface DialogueService {
  /** Transcribes the take the shot plays (billed once per request) and keeps its cues on the shot. */
  transcribe(boardId: string, shotId: string, options?: { readonly signal?: AbortSignal }): Promise<Storyboard>;
}

export function createDialogueService(deps: {
  readonly boards: BoardService;
  readonly client: () => ApimartClient;
  readonly library: () => Promise<LibraryService>;
  readonly recordUsage: (entry: SpeechUsageEntry) => void;
  /** What one transcription costs (USD), or null when unknown. */
  readonly pricePerRequest: () => number | null;
  readonly now?: () => Date;
}): DialogueService {
  const now = deps.now ?? (() => new Date());
  return {
    async transcribe(boardId, shotId, options = {}) {
      const board = deps.boards.get(boardId);
      const index = board.shots.findIndex((shot) => shot.id === shotId);
      const shot = board.shots[index];
      if (!shot) throw appError('notFound', 'error.board.shotNotFound');
      const take = chosenTake(shot);
      if (!take) throw appError('invalidInput', 'error.board.noTakeToHear', { shot: index + 1 });
      const file = await (await deps.library()).mediaFile('video', take.itemId);
      if (!file) throw appError('notFound', 'error.board.takeMissing', { shot: index + 1 });
      let srt: string;
      try {
        srt = await deps.client().transcribe({ path: file }, options);
      } catch (error) {
        if (error instanceof ApiError && (error.code === 'unknownModel' || error.code === 'malformed'))
          throw appError('unknownModel', 'error.transcription.unavailable');
        throw error;
      }
      deps.recordUsage({
        at: now().toISOString(),
        model: TRANSCRIPTION_MODEL,
        characters: 0,
        seconds: await mediaSeconds(file).catch(() => 0),
        cost: deps.pricePerRequest(),
      });
      const cues = parseSrt(srt).map((cue) => ({ ...cue, text: cue.text.slice(0, 2_000) }));
      return deps.boards.setDialogue(boardId, shotId, { jobId: take.jobId, cues: cues.slice(0, 2_000) });
    },
  };
}
