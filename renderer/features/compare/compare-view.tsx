import { ChevronLeft, ChevronRight, Pause, Play, Repeat, X } from 'lucide-react';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { LibraryComparison } from '../../../shared/library/library-models';
import { useTranslator } from '../../i18n/use-translator';
import { IconButton } from '../../ui/icon-button';
import { useCompareStore } from './compare-store';
import { useSyncedPlayers } from './use-synced-players';

/** 0:07.25 */
function clock(seconds: number): string {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}.${String(Math.floor((seconds % 1) * 100)).padStart(2, '0')}`;
}

/**
 * Two to four videos side by side, in sync: play, pause, seek, step a frame, loop a range; under each, its prompt as a
 * word diff against the first one's, and a table of the settings that differ. Space plays, ←/→ step, Escape closes.
 */
export function CompareView() {
  const comparison = useCompareStore((state) => state.comparison);
  if (!comparison) return null;
  return <CompareDialog comparison={comparison} key={comparison.items.map((item) => item.id).join(',')} />;
}

function CompareDialog({ comparison }: { comparison: LibraryComparison }) {
  const translate = useTranslator();
  const { t } = translate;
  const sync = useSyncedPlayers();
  const close = useCompareStore.getState().close;
  const closeButton = useRef<HTMLDivElement>(null);
  const { items, prompts, params } = comparison;
  useEffect(() => {
    closeButton.current?.querySelector('button')?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') close();
    else if (event.key === ' ' && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      if (sync.playing) sync.pause();
      else sync.play();
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      if (event.target instanceof HTMLInputElement) return;
      event.preventDefault();
      sync.step(event.key === 'ArrowLeft' ? -1 : 1);
    }
  };
  const percent = (seconds: number) => `${sync.duration > 0 ? (seconds / sync.duration) * 100 : 0}%`;
  return (
    <div className="dialog-backdrop">
      <section
        className="compare-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={t('compare.title', { count: items.length })}
        data-testid="compare"
        onKeyDown={onKeyDown}
      >
        <header className="compare-head">
          <h2>{t('compare.title', { count: items.length })}</h2>
          <div ref={closeButton}>
            <IconButton icon={X} small={false} label={t('compare.close')} testId="compare-close" onClick={close} />
          </div>
        </header>
        <div className="compare-grid" data-count={items.length}>
          {items.map((item, index) => (
            <article key={item.id} className="compare-item" data-testid="compare-item">
              <video
                ref={(element) => {
                  sync.refs.current[index] = element;
                }}
                src={item.videoUrl}
                poster={item.posterUrl ?? undefined}
                preload="auto"
                muted={index > 0}
                playsInline
                data-testid="compare-video"
                onLoadedMetadata={(event) => sync.measured(event.currentTarget.duration)}
              />
              <h3 className="truncate" title={item.title}>
                {item.title}
              </h3>
              <p className="compare-prompt" data-testid="compare-prompt">
                {index === 0
                  ? item.prompt
                  : prompts[index]?.map((part, at) =>
                      part.kind === 'same' ? (
                        <span key={at}>{part.text}</span>
                      ) : part.kind === 'added' ? (
                        <ins key={at}>{part.text}</ins>
                      ) : (
                        <del key={at}>{part.text}</del>
                      ),
                    )}
              </p>
            </article>
          ))}
        </div>
        <div className="compare-controls">
          <IconButton
            icon={ChevronLeft}
            label={t('compare.frameBack')}
            testId="compare-back"
            onClick={() => sync.step(-1)}
          />
          <button
            type="button"
            className="icon-only primary"
            data-testid="compare-play"
            aria-label={sync.playing ? t('compare.pause') : t('compare.play')}
            onClick={sync.playing ? sync.pause : sync.play}
          >
            {sync.playing ? <Pause size={16} aria-hidden="true" /> : <Play size={16} aria-hidden="true" />}
          </button>
          <IconButton
            icon={ChevronRight}
            label={t('compare.frameForward')}
            testId="compare-forward"
            onClick={() => sync.step(1)}
          />
          <div className="compare-scrub">
            <span className="compare-track" aria-hidden="true">
              <span className="compare-progress" style={{ width: percent(sync.time) }} />
            </span>
            {sync.loop && (
              <span
                className="compare-loop-range"
                data-testid="compare-loop-range"
                style={{ left: percent(sync.loop.start), width: percent(sync.loop.end - sync.loop.start) }}
              />
            )}
            <input
              type="range"
              min={0}
              max={sync.duration || 1}
              step={0.01}
              value={Math.min(sync.time, sync.duration || 1)}
              aria-label={t('compare.position')}
              data-testid="compare-scrub"
              onChange={(event) => sync.seek(Number(event.target.value))}
            />
          </div>
          <span className="compare-time" data-testid="compare-time">
            {clock(sync.time)} / {clock(sync.duration)}
          </span>
          <button
            type="button"
            className={sync.loop ? 'small primary' : 'small'}
            data-testid="compare-loop"
            aria-pressed={sync.loop !== null}
            onClick={() =>
              sync.setLoop(
                sync.loop
                  ? null
                  : { start: sync.time, end: Math.min(sync.duration, sync.time + Math.max(1, sync.duration / 4)) },
              )
            }
          >
            <Repeat size={14} aria-hidden="true" />
            {sync.loop ? t('compare.loopOff') : t('compare.loopFromHere')}
          </button>
          {sync.loop && (
            <button
              type="button"
              className="small"
              data-testid="compare-loop-end"
              disabled={sync.time <= sync.loop.start}
              onClick={() => sync.loop && sync.setLoop({ start: sync.loop.start, end: sync.time })}
            >
              {t('compare.loopEndHere')}
            </button>
          )}
        </div>
        {params.length > 0 ? (
          <table className="compare-params" data-testid="compare-params">
            <thead>
              <tr>
                <th scope="col">{t('compare.setting')}</th>
                {items.map((item) => (
                  <th scope="col" key={item.id} className="truncate" title={item.title}>
                    {item.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {params.map((row) => (
                <tr key={row.name}>
                  <th scope="row">{row.name}</th>
                  {row.values.map((value, index) => (
                    <td key={index}>{value ?? '—'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">{t('compare.sameSettings')}</p>
        )}
      </section>
    </div>
  );
}
