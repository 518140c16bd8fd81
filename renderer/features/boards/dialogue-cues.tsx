import { useState } from 'react';
import type { Dialogue } from '../../../shared/boards/board-models';
import { useTranslator } from '../../i18n/use-translator';
import { useVoiceStore } from './voice-store';

/** 0:01.2 — where a cue starts in its take. */
const stamp = (seconds: number) => {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}.${Math.floor((seconds - whole) * 10)}`;
};

/** What was heard in the take, each subtitle's words corrected in place (saved when the field is left or Enter pressed). */
export function DialogueCues({ shotId, dialogue }: { shotId: string; dialogue: Dialogue }) {
  const { t } = useTranslator();
  if (dialogue.cues.length === 0) return null;
  const save = (index: number, text: string) =>
    useVoiceStore.getState().editDialogue(
      shotId,
      dialogue.cues.map((cue, at) => (at === index ? { ...cue, text } : cue)),
    );
  return (
    <div className="dialogue-cues" data-testid="dialogue-cues">
      <p className="field-label">{t('boards.dialogue.edit')}</p>
      <ol>
        {dialogue.cues.map((cue, index) => (
          <li key={`${cue.start}-${cue.end}-${cue.text}`}>
            <span className="dialogue-time">{stamp(cue.start)}</span>
            <CueText
              text={cue.text}
              label={t('boards.dialogue.cue', { time: stamp(cue.start) })}
              onSave={(text) => void save(index, text)}
            />
          </li>
        ))}
      </ol>
      <p className="voice-status">{t('boards.dialogue.editHint')}</p>
    </div>
  );
}

function CueText({ text, label, onSave }: { text: string; label: string; onSave: (text: string) => void }) {
  const [value, setValue] = useState(text);
  return (
    <input
      type="text"
      className="dialogue-text"
      data-testid="dialogue-cue"
      aria-label={label}
      value={value}
      maxLength={2_000}
      onChange={(event) => setValue(event.target.value)}
      onBlur={() => {
        if (value !== text) onSave(value);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.currentTarget.blur();
        if (event.key === 'Escape') setValue(text);
      }}
    />
  );
}
