import { useEffect, useRef, useState, type RefObject } from 'react';

/** A range of the videos played over and over. */
export interface LoopRange {
  readonly start: number;
  readonly end: number;
}

/** How far apart the players may drift before they are pulled back to the first one. */
const DRIFT_S = 0.06;
/** One frame at the frame rate generated videos have. */
export const FRAME_S = 1 / 24;

/** Players that act as one: play, pause, seek, step a frame and loop a range together, the first one leading. */
export interface SyncedPlayers {
  readonly refs: RefObject<(HTMLVideoElement | null)[]>;
  readonly playing: boolean;
  readonly time: number;
  readonly duration: number;
  readonly loop: LoopRange | null;
  play(): void;
  pause(): void;
  seek(seconds: number): void;
  step(frames: number): void;
  setLoop(loop: LoopRange | null): void;
  /** A player read its length (the longest sets the timeline). */
  measured(seconds: number): void;
}

/** Keeps `count` video elements in step; every action applies to all of them. */
export function useSyncedPlayers(): SyncedPlayers {
  const refs = useRef<(HTMLVideoElement | null)[]>([]);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const [loop, setLoop] = useState<LoopRange | null>(null);
  const players = () => refs.current.filter((player): player is HTMLVideoElement => player !== null);
  const seekAll = (seconds: number) => {
    for (const player of players()) player.currentTime = Math.min(seconds, player.duration || seconds);
    setTime(seconds);
  };

  // While playing, every frame: follow the leader, pull drifting players back, wrap at the loop's end.
  useEffect(() => {
    if (!playing) return undefined;
    let frame = 0;
    const tick = () => {
      const [leader, ...others] = players();
      if (leader) {
        const now = leader.currentTime;
        if (loop && now >= loop.end) {
          seekAll(loop.start);
        } else {
          for (const other of others)
            if (!other.ended && Math.abs(other.currentTime - now) > DRIFT_S && now < (other.duration || Infinity))
              other.currentTime = now;
          setTime(now);
        }
        if (leader.ended && !loop) setPlaying(false);
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
    // seekAll and players read the refs, which do not change identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playing, loop]);

  return {
    refs,
    playing,
    time,
    duration,
    loop,
    play() {
      if (loop && (time < loop.start || time >= loop.end)) seekAll(loop.start);
      setPlaying(true);
      for (const player of players()) void player.play().catch(() => setPlaying(false));
    },
    pause() {
      setPlaying(false);
      for (const player of players()) player.pause();
      const leader = players()[0];
      if (leader) seekAll(leader.currentTime);
    },
    seek: seekAll,
    step(frames) {
      setPlaying(false);
      for (const player of players()) player.pause();
      seekAll(Math.max(0, Math.min(duration, (players()[0]?.currentTime ?? time) + frames * FRAME_S)));
    },
    setLoop,
    measured: (seconds) => setDuration((longest) => Math.max(longest, seconds)),
  };
}
