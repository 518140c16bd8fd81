import type { MusicBed } from '../boards/board-models';
import type { FilmClip, FilmTimeline } from '../boards/film-timeline';
import type { MixPlan, MixSource } from './mix';

/** The film's sound is mixed at this rate, in stereo. */
export const FILM_SAMPLE_RATE = 48_000;

/** How far music goes down under a voice (−12 dB), and how quickly it goes down and comes back. */
const DUCK = { gain: 0.25, attackSeconds: 0.15, releaseSeconds: 0.5 } as const;

/** PCM of one sound at the film's rate: one channel (mono) or two. */
export type Pcm = readonly Float32Array[];

/** The decoded sounds a film is mixed from; null where there is none (a take without sound, a line not spoken). */
export interface FilmSounds {
  /** The part of the clip's take the film plays (its trim), decoded. */
  readonly take: (clip: FilmClip, at: number) => Pcm | null;
  readonly line: (clip: FilmClip, at: number) => Pcm | null;
  readonly music: (bed: MusicBed) => Pcm | null;
}

const cut = (pcm: Pcm, frames: number): Pcm =>
  pcm.map((channel) => (channel.length > frames ? channel.subarray(0, Math.max(0, frames)) : channel));

/** Where a bed plays in the film (seconds): from its first shot's start to its last shot's end; null when off the film. */
export function bedSpan(film: FilmTimeline, bed: MusicBed): { start: number; end: number } | null {
  const clipOf = (shotId: string | null) =>
    shotId === null ? null : (film.clips.find((clip) => clip.shot.id === shotId) ?? undefined);
  const from = clipOf(bed.fromShotId);
  const to = clipOf(bed.toShotId);
  // A bed whose shots have no take in the film does not play.
  if (from === undefined || to === undefined) return null;
  const start = from?.start ?? 0;
  const end = to ? to.start + to.duration : film.duration;
  return end > start ? { start, end } : null;
}

/**
 * The film's mix, as the export and the editor timeline place it: each take's own sound under its clip at the shot's
 * volume (nothing when muted), each line from its shot's start until the next line starts or the film ends, and each
 * music bed over its shots with its fades, lowered under the voice unless the user turned that off.
 */
export function filmMixPlan(
  film: FilmTimeline,
  music: readonly MusicBed[],
  sounds: FilmSounds,
  sampleRate: number = FILM_SAMPLE_RATE,
): MixPlan {
  const frames = (seconds: number) => Math.round(seconds * sampleRate);
  const total = frames(film.duration);
  const sources: MixSource[] = [];
  for (const [at, clip] of film.clips.entries()) {
    if (clip.shot.sound.muted || clip.shot.sound.volume === 0) continue;
    const pcm = sounds.take(clip, at);
    if (pcm)
      sources.push({
        role: 'take',
        channels: cut(pcm, frames(clip.duration)),
        start: frames(clip.start),
        gain: clip.shot.sound.volume,
      });
  }
  const lines = film.clips.flatMap((clip, at) => {
    const pcm = sounds.line(clip, at);
    return pcm ? [{ clip, pcm }] : [];
  });
  for (const [order, { clip, pcm }] of lines.entries()) {
    const until = lines[order + 1]?.clip.start ?? film.duration;
    sources.push({ role: 'voice', channels: cut(pcm, frames(until - clip.start)), start: frames(clip.start), gain: 1 });
  }
  for (const bed of music) {
    const span = bedSpan(film, bed);
    const pcm = span ? sounds.music(bed) : null;
    if (!span || !pcm) continue;
    sources.push({
      role: 'music',
      channels: cut(pcm, frames(span.end - span.start)),
      start: frames(span.start),
      gain: bed.volume,
      fadeIn: frames(bed.fadeIn),
      fadeOut: frames(bed.fadeOut),
      unducked: !bed.duck,
    });
  }
  return {
    frames: total,
    sources,
    duck: { gain: DUCK.gain, attack: frames(DUCK.attackSeconds), release: frames(DUCK.releaseSeconds) },
  };
}
