import { SPEECH_VOICES, type SpeechVoice } from '../../../shared/audio/speech';
import { SelectMenu } from '../../ui/select-menu';

/** A voice's name as shown ("Onyx"). */
export const voiceLabel = (voice: string): string => voice.charAt(0).toUpperCase() + voice.slice(1);

const DEFAULT = 'default';

/**
 * A choice of speech voice; with `defaultLabel`, a first choice that follows someone else's voice (a line its
 * speaker's, a character the narrator's), answered as null.
 */
export function VoiceSelect({
  value,
  defaultLabel,
  onChange,
  testId,
  label,
}: {
  value: SpeechVoice | null;
  defaultLabel?: string;
  onChange: (voice: SpeechVoice | null) => void;
  testId: string;
  label?: string;
}) {
  const voices = SPEECH_VOICES.map((voice) => ({ value: voice, label: voiceLabel(voice) }));
  return (
    <SelectMenu<SpeechVoice | typeof DEFAULT>
      testId={testId}
      {...(label === undefined ? {} : { label })}
      value={value ?? DEFAULT}
      choices={defaultLabel === undefined ? voices : [{ value: DEFAULT, label: defaultLabel }, ...voices]}
      onChange={(chosen) => onChange(chosen === DEFAULT ? null : chosen)}
    />
  );
}
