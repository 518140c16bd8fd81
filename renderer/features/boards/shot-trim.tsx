import { Captions, Loader2, Scissors } from 'lucide-react';
import type { Shot } from '../../../shared/boards/board-models';
import { chosenTake } from '../../../shared/boards/chosen-take';
import { trimmedPart } from '../../../shared/boards/film-timeline';
import { useTranslator } from '../../i18n/use-translator';
import { NumberStepper } from '../../ui/number-stepper';
import { RangeSlider } from '../../ui/range-slider';
import { SwitchField } from '../../ui/switch-field';
import { useBoardsStore } from './boards-store';
import { useTakeLength } from './use-take-length';
import { useVoiceStore } from './voice-store';
import { DialogueCues } from './dialogue-cues';

/** A frame at 24 fps: the steppers move the in and out points by about a frame. */
const FRAME = 1 / 24;

/** The part of its take a shot plays (in and out points) and how loud the take's own sound is in the film. */
export function ShotTrim({ shot }: { shot: Shot }) {
  const translate = useTranslator();
  const { t } = translate;
  const { editShot } = useBoardsStore.getState();
  const take = chosenTake(shot);
  const length = useTakeLength(shot);
  const part = trimmedPart(shot, length);
  const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
  const setIn = (value: number | undefined) =>
    editShot(shot.id, { trim: { in: round(Math.max(0, value ?? 0)), out: shot.trim.out } });
  const setOut = (value: number | undefined) =>
    editShot(shot.id, {
      trim: { in: shot.trim.in, out: value === undefined || value >= length ? null : round(value) },
    });
  const trimmed = shot.trim.in > 0 || shot.trim.out !== null;
  const hearing = useVoiceStore((state) => state.hearing === shot.id);
  // What was heard in another take is not this take's dialogue.
  const heard = shot.dialogue && take && shot.dialogue.jobId === take.jobId ? shot.dialogue : null;

  return (
    <section className="shot-trim" aria-labelledby={`shot-trim-${shot.id}`} data-testid="shot-trim">
      <div className="field-label-row">
        <h3 className="field-label" id={`shot-trim-${shot.id}`}>
          <Scissors size={14} aria-hidden="true" /> {t('boards.trim.heading')}
        </h3>
        {trimmed && (
          <button
            type="button"
            className="small ghost"
            data-testid="trim-reset"
            onClick={() => editShot(shot.id, { trim: { in: 0, out: null } })}
          >
            {t('boards.trim.reset')}
          </button>
        )}
      </div>
      <div className="voice-controls">
        <label className="voice-control">
          <span className="field-label">{t('boards.trim.in')}</span>
          <NumberStepper
            testId="trim-in"
            value={round(part.sourceIn)}
            min={0}
            max={round(Math.max(0, part.sourceOut - FRAME))}
            step={FRAME}
            decrease={t('boards.trim.earlier')}
            increase={t('boards.trim.later')}
            onChange={setIn}
          />
        </label>
        <label className="voice-control">
          <span className="field-label">{t('boards.trim.out')}</span>
          <NumberStepper
            testId="trim-out"
            value={round(part.sourceOut)}
            min={round(part.sourceIn + FRAME)}
            max={round(length)}
            step={FRAME}
            decrease={t('boards.trim.earlier')}
            increase={t('boards.trim.later')}
            onChange={setOut}
          />
        </label>
      </div>
      <p className="voice-status" data-testid="trim-length">
        {t('boards.trim.length', { seconds: translate.number(part.duration, { maximumFractionDigits: 2 }) })} ·{' '}
        {t('boards.trim.hint')}
      </p>
      <SwitchField
        checked={shot.sound.muted}
        label={t('boards.sound.mute')}
        testId="sound-mute"
        onChange={(muted) => editShot(shot.id, { sound: { ...shot.sound, muted } })}
      />
      <div className="button-row voice-actions">
        <button
          type="button"
          className="small"
          data-testid="dialogue-hear"
          disabled={hearing}
          onClick={() => void useVoiceStore.getState().hear(shot.id)}
        >
          {hearing ? (
            <Loader2 size={14} className="spin" aria-hidden="true" />
          ) : (
            <Captions size={14} aria-hidden="true" />
          )}
          {hearing ? t('boards.dialogue.hearing') : t('boards.dialogue.hear')}
        </button>
        {heard && (
          <span className="voice-status" data-testid="dialogue-heard">
            {heard.cues.length === 0
              ? t('boards.dialogue.none')
              : t('boards.dialogue.heard', { count: heard.cues.length })}
          </span>
        )}
      </div>
      {heard && <DialogueCues shotId={shot.id} dialogue={heard} />}
      {!shot.sound.muted && (
        <RangeSlider
          testId="sound-volume"
          label={t('boards.sound.volume')}
          value={shot.sound.volume}
          min={0}
          max={2}
          step={0.05}
          valueText={translate.number(shot.sound.volume, { style: 'percent' })}
          onChange={(volume) => editShot(shot.id, { sound: { ...shot.sound, volume } })}
        />
      )}
    </section>
  );
}
