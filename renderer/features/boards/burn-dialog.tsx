import { Captions } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Storyboard, SubtitleStyle } from '../../../shared/boards/board-models';
import { chosenTake } from '../../../shared/boards/chosen-take';
import { filmTimeline } from '../../../shared/boards/film-timeline';
import { subtitleCues } from '../../../shared/boards/subtitles';
import { useTranslator } from '../../i18n/use-translator';
import { DialogFrame } from '../../ui/dialog-frame';
import { SegmentedControl } from '../../ui/segmented-control';
import { SwitchField } from '../../ui/switch-field';
import { useBoardsStore } from './boards-store';
import { drawCue } from './burn-subtitles';
import { takeLength } from './take-length';
import { useModelsStore } from '../models';

/** The preview's size: the first take's shape at a width that fits the dialog. */
const PREVIEW_WIDTH = 560;

/**
 * Exports the film with its subtitles drawn into the pictures: where they sit, how large, with or without a dark box
 * behind them — shown on the first take's poster exactly as the export draws them (the same drawing code).
 */
export function BurnDialog({ board }: { board: Storyboard }) {
  const translate = useTranslator();
  const { t } = translate;
  const id = useId();
  const takeItems = useBoardsStore((state) => state.takeItems);
  const catalog = useModelsStore((state) => state.catalog);
  const { setBurnOpen, exportBurned } = useBoardsStore.getState();
  const [style, setStyle] = useState<SubtitleStyle>(board.subtitleStyle);
  const firstTake = board.shots.map(chosenTake).find((take) => take !== null) ?? null;
  const item = firstTake ? takeItems.get(firstTake.itemId) : undefined;
  const cues = useMemo(
    () => subtitleCues(filmTimeline(board, (_take, shot) => takeLength(shot, takeItems, catalog))),
    [board, takeItems, catalog],
  );
  const sample = cues[0]?.text ?? t('boards.burn.sample');
  const aspect = item?.aspect === 'portrait' ? 16 / 9 : item?.aspect === 'square' ? 1 : 9 / 16;
  const canvas = useRef<HTMLCanvasElement>(null);
  const first = useRef<HTMLButtonElement>(null);

  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    const width = element.width;
    const height = element.height;
    const paint = (poster: HTMLImageElement | null) => {
      context.fillStyle = '#1b1d23';
      context.fillRect(0, 0, width, height);
      if (poster) context.drawImage(poster, 0, 0, width, height);
      drawCue(context, width, height, sample, style);
    };
    if (!item?.posterUrl) return paint(null);
    const poster = new Image();
    poster.onload = () => paint(poster);
    poster.onerror = () => paint(null);
    poster.src = item.posterUrl;
  }, [item?.posterUrl, sample, style]);

  const update = (patch: Partial<SubtitleStyle>) => setStyle((current) => ({ ...current, ...patch }));
  return (
    <DialogFrame
      className="burn-dialog"
      testId="burn-dialog"
      icon={Captions}
      title={t('boards.burn.title')}
      closeLabel={t('boards.burn.close')}
      onClose={() => setBurnOpen(false)}
    >
      <p className="muted dialog-lede">{t('boards.burn.lede')}</p>
      <div className="burn-body">
        <canvas
          ref={canvas}
          className="burn-preview"
          data-testid="burn-preview"
          width={PREVIEW_WIDTH}
          height={Math.round(PREVIEW_WIDTH * aspect)}
          role="img"
          aria-label={t('boards.burn.preview')}
        />
        <div className="burn-controls">
          <span className="field-label" id={`${id}-position`}>
            {t('boards.burn.position')}
          </span>
          <SegmentedControl
            labelledBy={`${id}-position`}
            value={style.position}
            onChange={(position) => update({ position: position === 'top' ? 'top' : 'bottom' })}
            segments={[
              { value: 'bottom', label: t('boards.burn.bottom'), testId: 'burn-bottom' },
              { value: 'top', label: t('boards.burn.top'), testId: 'burn-top' },
            ]}
          />
          <span className="field-label" id={`${id}-size`}>
            {t('boards.burn.size')}
          </span>
          <SegmentedControl
            labelledBy={`${id}-size`}
            value={style.size}
            onChange={(size) => update({ size: size === 'small' || size === 'large' ? size : 'medium' })}
            segments={[
              { value: 'small', label: t('boards.burn.small'), testId: 'burn-small' },
              { value: 'medium', label: t('boards.burn.medium'), testId: 'burn-medium' },
              { value: 'large', label: t('boards.burn.large'), testId: 'burn-large' },
            ]}
          />
          <SwitchField
            checked={style.box}
            onChange={(box) => update({ box })}
            label={t('boards.burn.box')}
            testId="burn-box"
          />
        </div>
      </div>
      <footer className="dialog-foot">
        <p className="muted" data-testid="burn-cues">
          {t('boards.burn.cues', { count: cues.length })}
        </p>
        <div className="button-row">
          <button type="button" ref={first} onClick={() => setBurnOpen(false)}>
            {t('boards.burn.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            data-testid="burn-export"
            disabled={cues.length === 0}
            onClick={() => void exportBurned(style)}
          >
            {t('boards.burn.export')}
          </button>
        </div>
      </footer>
    </DialogFrame>
  );
}
