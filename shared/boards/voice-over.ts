import type { SpeechVoice } from '../audio/speech';
import type { Shot, SpokenLine, Storyboard, VoiceOver } from './board-models';

/** A line as the user edits it (its spoken audio is not theirs to set). */
export type LineEdit = Omit<VoiceOver, 'audio'>;

/** The shot's line after an edit: the audio it was spoken as stays on record (it is re-spoken only once it differs). */
export function withLine(shot: Shot, line: LineEdit | null): VoiceOver | null {
  return line === null ? null : { ...line, audio: shot.voiceOver?.audio ?? null };
}

/** The voice a line is spoken in: its own, else its speaker's, else the board's narrator. */
export function voiceOfLine(board: Pick<Storyboard, 'characters' | 'narratorVoice'>, line: VoiceOver): SpeechVoice {
  if (line.voice) return line.voice;
  const speaker = line.speakerId ? board.characters.find((character) => character.id === line.speakerId) : undefined;
  return speaker?.voice ?? board.narratorVoice;
}

/** The audio a line plays, when it was spoken from exactly this text, voice and speed; else null (to speak again). */
export function currentAudio(board: Pick<Storyboard, 'characters' | 'narratorVoice'>, shot: Shot): SpokenLine | null {
  const line = shot.voiceOver;
  const audio = line?.audio;
  if (!line || !audio) return null;
  const same =
    audio.text === line.text.trim() && audio.voice === voiceOfLine(board, line) && audio.speed === line.speed;
  return same ? audio : null;
}

/** Whether a shot has a line with words that has not been spoken as it stands. */
export function needsSpeaking(board: Pick<Storyboard, 'characters' | 'narratorVoice'>, shot: Shot): boolean {
  return (shot.voiceOver?.text.trim() ?? '') !== '' && currentAudio(board, shot) === null;
}
