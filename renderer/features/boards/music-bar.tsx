import { Music, Plus, X } from 'lucide-react';
import { useState } from 'react';
import type { MusicBed, Storyboard } from '../../../shared/boards/board-models';
import { useTranslator } from '../../i18n/use-translator';
import { IconButton } from '../../ui/icon-button';
import { RangeSlider } from '../../ui/range-slider';
import { SelectMenu } from '../../ui/select-menu';
import { SwitchField } from '../../ui/switch-field';
import { musicActions } from './music-actions';

/** The music under the film: a chip per file, chosen to set where and how it plays; files added from a picker. */
export function MusicBar({ board }: { board: Storyboard }) {
  const { t } = useTranslator();
  const [open, setOpen] = useState<string | null>(null);
  const bed = board.music.find((candidate) => candidate.id === open);
  return (
    <section className="cast-bar music-bar" aria-label={t('boards.music.heading')} data-testid="music-bar">
      <span className="cast-label">{t('boards.music.heading')}</span>
      <ul className="cast-list">
        {board.music.map((candidate) => (
          <li key={candidate.id} className="music-chip-row">
            <button
              type="button"
              className="cast-chip"
              aria-pressed={candidate.id === open}
              data-testid="music-chip"
              onClick={() => setOpen(candidate.id === open ? null : candidate.id)}
            >
              <Music size={14} aria-hidden="true" />
              <span className="truncate">{candidate.name}</span>
              <span className="cast-count">{formatSeconds(candidate.seconds)}</span>
            </button>
            <IconButton
              icon={X}
              label={t('boards.music.remove', { name: candidate.name })}
              testId="music-remove"
              onClick={() => void musicActions.remove(candidate.id)}
            />
          </li>
        ))}
        <li>
          <button
            type="button"
            className="small cast-add"
            data-testid="music-add"
            title={board.music.length === 0 ? t('boards.music.none') : undefined}
            onClick={() => void musicActions.add()}
          >
            <Plus size={14} aria-hidden="true" />
            {t('boards.music.add')}
          </button>
        </li>
      </ul>
      {bed && <MusicSettings board={board} bed={bed} />}
    </section>
  );
}

/** Where a music file plays (from and to which shot), how loud, and whether it makes way for the voice. */
function MusicSettings({ board, bed }: { board: Storyboard; bed: MusicBed }) {
  const translate = useTranslator();
  const { t } = translate;
  const change = (patch: Parameters<typeof musicActions.change>[1]) => void musicActions.change(bed.id, patch);
  const shots = (none: string) => [
    { value: 'none', label: none },
    ...board.shots.map((shot, index) => ({ value: shot.id, label: translate.number(index + 1) })),
  ];
  return (
    <div className="music-settings" data-testid="music-settings">
      <label className="voice-control">
        <span className="field-label">{t('boards.music.from')}</span>
        <SelectMenu
          testId="music-from"
          value={bed.fromShotId ?? 'none'}
          choices={shots(t('boards.music.start'))}
          onChange={(value) => change({ fromShotId: value === 'none' ? null : value })}
        />
      </label>
      <label className="voice-control">
        <span className="field-label">{t('boards.music.to')}</span>
        <SelectMenu
          testId="music-to"
          value={bed.toShotId ?? 'none'}
          choices={shots(t('boards.music.end'))}
          onChange={(value) => change({ toShotId: value === 'none' ? null : value })}
        />
      </label>
      <div className="voice-control music-level">
        <span className="field-label" aria-hidden="true">
          {t('boards.music.volume')}
        </span>
        <RangeSlider
          testId="music-volume"
          label={t('boards.music.volume')}
          value={bed.volume}
          min={0}
          max={2}
          step={0.05}
          valueText={translate.number(bed.volume, { style: 'percent' })}
          onChange={(volume) => change({ volume })}
        />
      </div>
      <SwitchField
        checked={bed.duck}
        label={t('boards.music.duck')}
        testId="music-duck"
        onChange={(duck) => change({ duck })}
      />
    </div>
  );
}

/** 1:05 */
function formatSeconds(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
