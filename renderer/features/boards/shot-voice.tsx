import { Loader2, Mic, Play, Square, X } from 'lucide-react';
import { SPEECH_MODEL, SPEECH_SPEED, estimatedSpeechSeconds } from '../../../shared/audio/speech';
import type { Shot, Storyboard } from '../../../shared/boards/board-models';
import { trimmedPart } from '../../../shared/boards/film-timeline';
import { lineFit } from '../../../shared/boards/line-fit';
import { currentAudio, voiceOfLine, type LineEdit } from '../../../shared/boards/voice-over';
import { findModel } from '../../../shared/catalog/model-lookup';
import { useTranslator } from '../../i18n/use-translator';
import { useSettingsStore } from '../../lib/settings-store';
import { IconButton } from '../../ui/icon-button';
import { NumberStepper } from '../../ui/number-stepper';
import { SelectMenu } from '../../ui/select-menu';
import { useModelsStore } from '../models';
import { useBoardsStore } from './boards-store';
import { useVoiceStore } from './voice-store';
import { useTakeLength } from './use-take-length';
import { VoiceSelect, voiceLabel } from './voice-select';

/**
 * The shot's line of voice-over or dialogue: its words, who speaks it and in which voice, how fast; speaking it (its
 * cost on the button), playing it back, and what to do when it runs longer than the shot.
 */
export function ShotVoice({ board, shot }: { board: Storyboard; shot: Shot }) {
  const translate = useTranslator();
  const { t } = translate;
  const catalog = useModelsStore((state) => state.catalog);
  const price = useSettingsStore((state) => state.settings?.prices[SPEECH_MODEL] ?? null);
  const speaking = useVoiceStore((state) => state.speaking === shot.id);
  const playing = useVoiceStore((state) => state.playing === shot.id);
  const { editShot } = useBoardsStore.getState();
  const { speak, play } = useVoiceStore.getState();
  const line: LineEdit = shot.voiceOver ?? { text: '', speakerId: null, voice: null, speed: 1 };
  const edit = (patch: Partial<LineEdit>) => editShot(shot.id, { voiceOver: { ...line, ...patch } });
  const audio = currentAudio(board, shot);
  const hasWords = line.text.trim() !== '';
  const speakerVoice = voiceOfLine(board, { ...line, voice: null, audio: null });

  const model = findModel(catalog, shot.model);
  const shotSeconds = trimmedPart(shot, useTakeLength(shot)).duration;
  const lineSeconds = audio?.seconds ?? estimatedSpeechSeconds(line.text, line.speed);
  const fit = hasWords ? lineFit(model ?? null, lineSeconds, line.speed, shotSeconds) : null;
  const seconds = (value: number) => translate.number(value, { maximumFractionDigits: 1 });

  return (
    <section className="shot-voice" aria-labelledby={`shot-voice-${shot.id}`} data-testid="shot-voice">
      <div className="field-label-row">
        <h3 className="field-label" id={`shot-voice-${shot.id}`}>
          <Mic size={14} aria-hidden="true" /> {t('boards.voice.heading')}
        </h3>
        {shot.voiceOver && (
          <IconButton
            icon={X}
            label={t('boards.voice.remove')}
            testId="voice-remove"
            onClick={() => editShot(shot.id, { voiceOver: null })}
          />
        )}
      </div>
      <textarea
        data-testid="voice-line"
        aria-label={t('boards.voice.heading')}
        value={line.text}
        rows={3}
        maxLength={4_096}
        placeholder={t('boards.voice.placeholder')}
        onChange={(event) => edit({ text: event.target.value })}
      />
      <div className="voice-controls">
        <label className="voice-control">
          <span className="field-label">{t('boards.voice.speaker')}</span>
          <SelectMenu
            testId="voice-speaker"
            value={line.speakerId ?? 'narrator'}
            choices={[
              { value: 'narrator', label: t('boards.voice.narrator') },
              ...board.characters.map((character) => ({ value: character.id, label: character.name })),
            ]}
            onChange={(value) => edit({ speakerId: value === 'narrator' ? null : value })}
          />
        </label>
        <label className="voice-control">
          <span className="field-label">{t('boards.voice.voice')}</span>
          <VoiceSelect
            testId="voice-voice"
            value={line.voice}
            defaultLabel={t('boards.voice.speakersVoice', { voice: voiceLabel(speakerVoice) })}
            onChange={(voice) => edit({ voice })}
          />
        </label>
        <label className="voice-control voice-speed">
          <span className="field-label">{t('boards.voice.speed')}</span>
          <NumberStepper
            testId="voice-speed"
            value={line.speed}
            min={SPEECH_SPEED.min}
            max={SPEECH_SPEED.max}
            step={0.05}
            decrease={t('boards.voice.slower')}
            increase={t('boards.voice.faster')}
            onChange={(value) => edit({ speed: Math.round((value ?? 1) * 100) / 100 })}
          />
        </label>
      </div>
      {hasWords && (
        <p className="voice-status" data-testid="voice-status">
          {audio
            ? t('boards.voice.spoken', { seconds: seconds(audio.seconds), voice: voiceLabel(audio.voice) })
            : t('boards.voice.notSpoken', { seconds: seconds(lineSeconds) })}
        </p>
      )}
      {fit?.tooLong && (
        <div className="voice-fit" role="status" data-testid="voice-too-long">
          <p>{t('boards.voice.tooLong', { line: seconds(fit.lineSeconds), shot: seconds(fit.shotSeconds) })}</p>
          <div className="button-row">
            {fit.longerShot && (
              <button
                type="button"
                className="small"
                data-testid="voice-lengthen"
                onClick={() => {
                  const longer = fit.longerShot;
                  if (longer) editShot(shot.id, { params: { ...shot.params, [longer.name]: longer.value } });
                }}
              >
                {t('boards.voice.lengthen', { value: String(fit.longerShot.value) })}
              </button>
            )}
            {fit.fasterVoice !== null && (
              <button
                type="button"
                className="small"
                data-testid="voice-speed-up"
                onClick={() => fit.fasterVoice !== null && edit({ speed: fit.fasterVoice })}
              >
                {t('boards.voice.speedUp', { speed: translate.number(fit.fasterVoice) })}
              </button>
            )}
          </div>
        </div>
      )}
      <div className="button-row voice-actions">
        <button
          type="button"
          data-testid="voice-speak"
          disabled={!hasWords || audio !== null || speaking}
          title={price === null ? t('boards.voice.priceUnknown') : undefined}
          onClick={() => void speak(shot.id)}
        >
          {speaking ? <Loader2 size={14} className="spin" aria-hidden="true" /> : <Mic size={14} aria-hidden="true" />}
          {speaking
            ? t('boards.voice.speaking')
            : price === null
              ? t('boards.voice.speak')
              : t('boards.voice.speakCost', { cost: translate.money(price) })}
        </button>
        <IconButton
          icon={playing ? Square : Play}
          small={false}
          label={playing ? t('boards.voice.stop') : t('boards.voice.play')}
          testId="voice-play"
          disabled={audio === null}
          onClick={() => void play(shot.id)}
        />
      </div>
    </section>
  );
}
