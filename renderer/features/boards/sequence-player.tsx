import { Pause, Play, SkipBack } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { sequenceOf } from '../../../shared/boards/chosen-take';
import type { Shot, Storyboard } from '../../../shared/boards/board-models';
import { trimmedPart } from '../../../shared/boards/film-timeline';
import { useTranslator } from '../../i18n/use-translator';
import { useBoardsStore } from './boards-store';
import { FilmLanes } from './film-lanes';

interface Segment {
  readonly shot: Shot;
  readonly shotId: string;
  readonly index: number;
  readonly url: string;
  readonly poster: string | null;
  /** What the library says it lasts, until the player has read the file itself. */
  readonly seconds: number;
}

/** How close to its out point a take counts as finished (a frame at 60 fps): the cut is never late by more. */
const OUT_SLACK = 1 / 60;

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
          ? [{ shot, shotId: shot.id, index, url: item.videoUrl, poster: item.posterUrl, seconds: item.duration ?? 4 }]
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
  // Each take plays its trim: from its in point to its out point, as the film and the exports cut it.
  const parts = segments.map((segment) => trimmedPart(segment.shot, lengths[segment.url] ?? segment.seconds));
  const durations = parts.map((part) => part.duration);
  const starts = durations.map((_, at) => durations.slice(0, at).reduce((sum, value) => sum + value, 0));
  const total = durations.reduce((sum, value) => sum + value, 0);
  const activePlayer = () => players[current % 2]?.current ?? null;

  useEffect(() => {
    onShot(playing ? (segments[current]?.shotId ?? null) : null);
  }, [current, playing, segments, onShot]);

  // Each take at its shot's level (a media element plays at most at full volume; above it is for the export's mix).
  useEffect(() => {
    for (const [slot, ref] of players.entries()) {
      const segment = segments[current % 2 === slot ? current : current + 1];
      if (ref.current && segment) ref.current.volume = Math.min(1, segment.shot.sound.volume);
    }
  });

  // While playing, each frame checks the take against its out point (timeupdate comes four times a second: too late
  // for a cut).
  const endedRef = useRef<() => void>(() => undefined);
  useEffect(() => {
    if (!playing) return;
    let frame = requestAnimationFrame(function check() {
      const player = players[current % 2]?.current;
      const part = parts[current];
      if (player && part && player.currentTime >= part.sourceOut - OUT_SLACK) endedRef.current();
      frame = requestAnimationFrame(check);
    });
    return () => cancelAnimationFrame(frame);
  });

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
      player.currentTime = (parts[at]?.sourceIn ?? 0) + Math.max(0, seconds - (starts[at] ?? 0));
      if (playing) void player.play().catch(() => setPlaying(false));
    });
  };
  const ended = () => {
    if (current + 1 >= segments.length) {
      setPlaying(false);
      activePlayer()?.pause();
      return;
    }
    activePlayer()?.pause();
    const next = players[(current + 1) % 2]?.current;
    setCurrent(current + 1);
    if (next) {
      next.currentTime = parts[current + 1]?.sourceIn ?? 0;
      void next.play().catch(() => setPlaying(false));
    }
  };
  endedRef.current = ended;
  /** I and O: the shot under the playhead starts or ends here (its take's own time, to the millisecond). */
  const markTrim = (edge: 'in' | 'out') => {
    const segment = segments[current];
    const player = activePlayer();
    if (!segment || !player) return;
    const at = Math.round(player.currentTime * 1000) / 1000;
    const trim = segment.shot.trim;
    // An out point at or before the in point would leave nothing to play.
    if (edge === 'out' && at <= trim.in) return;
    const next =
      edge === 'in'
        ? { in: at, out: trim.out !== null && trim.out > at ? trim.out : null }
        : { in: trim.in < at ? trim.in : 0, out: at };
    useBoardsStore.getState().editShot(segment.shotId, { trim: next });
  };

  return (
    <section
      className="sequence-player"
      aria-label={t('boards.player')}
      aria-keyshortcuts="I O"
      data-testid="sequence-player"
      onKeyDown={(event) => {
        if (event.ctrlKey || event.metaKey || event.altKey || event.target instanceof HTMLInputElement) return;
        const key = event.key.toLowerCase();
        if (key !== 'i' && key !== 'o') return;
        event.preventDefault();
        markTrim(key === 'i' ? 'in' : 'out');
      }}
    >
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
              muted={segment?.shot.sound.muted ?? false}
              data-testid={visible ? 'player-visible' : 'player-next'}
              className={visible ? 'player-video visible' : 'player-video'}
              aria-hidden={!visible}
              onLoadedMetadata={(event) => {
                const url = segment?.url;
                const length = event.currentTarget.duration;
                if (url && Number.isFinite(length)) setLengths((known) => ({ ...known, [url]: length }));
                // The next take waits at its in point, so the cut shows its first trimmed frame at once.
                if (!visible && segment) event.currentTarget.currentTime = trimmedPart(segment.shot, length).sourceIn;
              }}
              onTimeUpdate={(event) => {
                const part = parts[current];
                if (visible && part)
                  setPosition((starts[current] ?? 0) + Math.max(0, event.currentTarget.currentTime - part.sourceIn));
              }}
              onEnded={visible ? ended : undefined}
            />
          );
        })}
      </div>
      <div className="player-bar">
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
        <FilmLanes
          board={board}
          total={total}
          position={position}
          clips={segments.map((segment, at) => ({
            shot: segment.shot,
            index: segment.index,
            length: lengths[segment.url] ?? segment.seconds,
            start: starts[at] ?? 0,
            duration: durations[at] ?? 0,
          }))}
        />
      </div>
    </section>
  );
}

/** 0:07 */
function formatTime(seconds: number): string {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
