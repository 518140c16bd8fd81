import type { DialogueCue } from '../../../shared/boards/board-models';
import { fromBase64 } from '../../lib/base64';
import { create } from 'zustand';
import type { SpeechVoice } from '../../../shared/audio/speech';
import type { IpcResult } from '../../../shared/ipc/result';
import { api, unwrap } from '../../lib/bridge';
import { useNoticesStore } from '../../lib/notices-store';
import { useBoardsStore } from './boards-store';

/** Voice-over in the window: speaking lines (billed), playing them back, and the exports made from them. */
export interface VoiceStore {
  /** The shot whose line is being spoken. */
  readonly speaking: string | null;
  /** The shot whose line is playing. */
  readonly playing: string | null;
  /** The shot whose take's dialogue is being transcribed. */
  readonly hearing: string | null;
  /** Transcribes the dialogue of the take the shot plays into its subtitles (billed). */
  hear(shotId: string): Promise<void>;
  /** Keeps the take's dialogue subtitles as corrected (an emptied one is removed). */
  editDialogue(shotId: string, cues: readonly DialogueCue[]): Promise<void>;
  speak(shotId: string): Promise<void>;
  /** Plays the shot's spoken line (stops any other); again stops it. */
  play(shotId: string): Promise<void>;
  stop(): void;
  setNarratorVoice(voice: SpeechVoice): Promise<void>;
  exportSubtitles(format: 'srt' | 'vtt'): Promise<void>;
  exportTimeline(format: 'otio' | 'mlt'): Promise<void>;
}

export const useVoiceStore = create<VoiceStore>()((set, get) => {
  let player: { audio: HTMLAudioElement; url: string } | null = null;
  const fail = (error: unknown) => useNoticesStore.getState().fail(error, 'voice-notice');
  const boardId = () => useBoardsStore.getState().board?.id ?? null;
  /** Writes a file from the open board where the user picks (nothing when they cancel) and says where it went. */
  const writeOut = async (work: (id: string) => Promise<IpcResult<{ readonly file: string } | null>>) => {
    const id = boardId();
    if (!id) return;
    try {
      const result = await unwrap(work(id));
      if (result)
        useNoticesStore.getState().notify({
          text: { message: { key: 'boards.exportedFile', params: { file: result.file } } },
          testId: 'board-exported-file',
        });
    } catch (error) {
      fail(error);
    }
  };
  return {
    speaking: null,
    playing: null,
    hearing: null,
    async editDialogue(shotId, cues) {
      await useBoardsStore
        .getState()
        .apply((board) => unwrap(api().boards.setDialogueCues({ id: board.id, shotId, cues: [...cues] })));
    },
    async hear(shotId) {
      const id = boardId();
      if (!id || get().hearing) return;
      set({ hearing: shotId });
      try {
        await useBoardsStore.getState().apply(() => unwrap(api().boards.transcribeTake({ id, shotId })));
      } finally {
        set({ hearing: null });
      }
    },
    async speak(shotId) {
      const id = boardId();
      if (!id || get().speaking) return;
      set({ speaking: shotId });
      try {
        // Pending edits of the line are saved first: what is spoken is what the field shows.
        await useBoardsStore.getState().apply(() => unwrap(api().boards.speakLine({ id, shotId })));
      } finally {
        set({ speaking: null });
      }
    },
    async play(shotId) {
      const id = boardId();
      const wasPlaying = get().playing;
      get().stop();
      if (!id || wasPlaying === shotId) return;
      try {
        const line = await unwrap(api().boards.lineAudio({ id, shotId }));
        if (!line) return;
        const url = URL.createObjectURL(new Blob([fromBase64(line.wav)], { type: 'audio/wav' }));
        const audio = new Audio(url);
        player = { audio, url };
        audio.addEventListener('ended', () => get().stop());
        set({ playing: shotId });
        await audio.play();
      } catch (error) {
        get().stop();
        fail(error);
      }
    },
    stop() {
      if (player) {
        player.audio.pause();
        URL.revokeObjectURL(player.url);
        player = null;
      }
      set({ playing: null });
    },
    setNarratorVoice: (voice) =>
      useBoardsStore
        .getState()
        .apply((board) => unwrap(api().boards.setNarratorVoice({ id: board.id, voice })))
        .then(() => undefined),
    exportSubtitles: (format) => writeOut((id) => api().boards.exportSubtitles({ id, format })),
    exportTimeline: (format) => writeOut((id) => api().boards.exportTimeline({ id, format })),
  };
});
