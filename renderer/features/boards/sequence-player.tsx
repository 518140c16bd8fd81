import { Pause, Play, SkipBack } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { sequenceOf } from '../../../shared/boards/chosen-take';
import type { Storyboard } from '../../../shared/boards/board-models';
import { useTranslator } from '../../i18n/use-translator';
import { useBoardsStore } from './boards-store';

interface Segment {
  readonly shotId: string;
  readonly index: number;
  readonly url: string;
  readonly poster: string | null;
  /** What the library says it lasts, until the player has read the file itself. */
  readonly seconds: number;
}

/**
 * The chosen takes back to back. Two players take turns: while one plays a shot, the other has the next one loaded,
 * so the cut is a swap with no gap; one timeline spans the whole film, with the shot under way highlighted.
 */
export function SequencePlayer({ board, onShot }: { board: Storyboard; onShot: (shotId: string | null) => void }) {
  const translate = useTranslator();
  const { t } = translate;
  const items = useBoardsStore((state) => state.takeItems);
  const segments = useMemo<Segment[]>(
    () =>
      sequenceOf(board).flatMap(({ shot, index, take }) => {
        const item = items.get(take.itemId);
        return item
          ? [{ shotId: shot.id, index, url: item.videoUrl, poster: item.posterUrl, seconds: item.duration ?? 4 }]
          : [];
      }),
    [board, items],
  );
  const [lengths, setLengths] = useState<Readonly<Record<string, number>>>({});
  const [chosen, setCurrent] = useState(0);
  // A shot removed while it played: the film goes on from the last shot there is.
  const current = Math.max(0, Math.min(chosen, segments.length - 1));
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const players = [useRef<HTMLVideoElement>(null), useRef<HTMLVideoElement>(null)];
  const durations = segments.map((segment) => lengths[segment.url] ?? segment.seconds);
  const starts = durations.map((_, at) => durations.slice(0, at).reduce((sum, value) => sum + value, 0));
  const total = durations.reduce((sum, value) => sum + value, 0);
  const activePlayer = () => players[current % 2]?.current ?? null;

  useEffect(() => {
    onShot(playing ? (segments[current]?.shotId ?? null) : null);
  }, [current, playing, segments, onShot]);

  if (segments.length === 0) return null;
  const sourceFor = (slot: number): Segment | undefined => {
    const at = current % 2 === slot ? current : current + 1;
    return segments[at];
  };
  const play = () => {
    setPlaying(true);
    void activePlayer()
      ?.play()
      .catch(() => setPlaying(false));
  };
  const pause = () => {
    setPlaying(false);
    activePlayer()?.pause();
  };
  const seek = (seconds: number) => {
    const at = Math.max(
      0,
      starts.findLastIndex((start) => start <= seconds),
    );
    setCurrent(at);
    setPosition(seconds);
    const player = players[at % 2]?.current;
    // The player for that shot is the one whose turn it now is; its source is set on the next render.
    requestAnimationFrame(() => {
      if (!player) return;
      player.currentTime = Math.max(0, seconds - (starts[at] ?? 0));
      if (playing) void player.play().catch(() => setPlaying(false));
    });
  };
  const ended = () => {
    if (current + 1 >= segments.length) {
      setPlaying(false);
      return;
    }
    const next = players[(current + 1) % 2]?.current;
    setCurrent(current + 1);
    if (next) {
      next.currentTime = 0;
      void next.play().catch(() => setPlaying(false));
    }
  };

  return (
    <section className="sequence-player" aria-label={t('boards.player')} data-testid="sequence-player">
      <div className="player-stage">
        {[0, 1].map((slot) => {
          const segment = sourceFor(slot);
          const visible = current % 2 === slot;
          return (
            <video
              key={slot}
              ref={players[slot]}
              src={segment?.url}
              poster={segment?.poster ?? undefined}
              preload="auto"
              playsInline
              data-testid={visible ? 'player-visible' : 'player-next'}
              className={visible ? 'player-video visible' : 'player-video'}
              aria-hidden={!visible}
              onLoadedMetadata={(event) => {
                const url = segment?.url;
                const length = event.currentTarget.duration;
                if (url && Number.isFinite(length)) setLengths((known) => ({ ...known, [url]: length }));
              }}
              onTimeUpdate={(event) => {
                if (visible) setPosition((starts[current] ?? 0) + event.currentTarget.currentTime);
              }}
              onEnded={visible ? ended : undefined}
            />
          );
        })}
      </div>
      <div className="player-controls">
        <button type="button" className="icon-only ghost" aria-label={t('boards.restart')} onClick={() => seek(0)}>
          <SkipBack size={16} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="icon-only primary"
          data-testid="player-play"
          aria-label={playing ? t('boards.pause') : t('boards.play')}
          onClick={playing ? pause : play}
        >
          {playing ? <Pause size={16} aria-hidden="true" /> : <Play size={16} aria-hidden="true" />}
        </button>
        <div className="player-timeline">
          <div className="timeline-segments" aria-hidden="true">
            {segments.map((segment, at) => (
              <span
                key={segment.shotId}
                className="timeline-segment"
                data-current={at === current || undefined}
                style={{ flexGrow: durations[at] ?? 1 }}
              >
                {translate.number(segment.index + 1)}
              </span>
            ))}
          </div>
          <input
            type="range"
            className="timeline-scrub"
            data-testid="player-scrub"
            aria-label={t('boards.scrub')}
            min={0}
            max={total}
            step={0.01}
            value={Math.min(position, total)}
            onChange={(event) => seek(Number(event.target.value))}
          />
        </div>
        <span className="player-time" data-testid="player-time">
          {formatTime(position)} / {formatTime(total)}
        </span>
      </div>
    </section>
  );
}

/** 0:07 */
function formatTime(seconds: number): string {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
