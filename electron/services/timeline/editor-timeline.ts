import type { FilmTimeline } from '../../../shared/boards/film-timeline';

/** A frame rate as editors keep it: a fraction (30000/1001 for 29.97). */
export interface FrameRate {
  readonly num: number;
  readonly den: number;
}

/** A media file the timeline uses, named relative to the timeline file (forward slashes). */
export interface EditorMedia {
  readonly id: string;
  readonly path: string;
  /** Its whole length, in the timeline's frames. */
  readonly frames: number;
  readonly kind: 'video' | 'audio';
}

/** A piece of a media file on a track: where it starts (timeline frames), which part of the media, how loud. */
export interface EditorClip {
  readonly name: string;
  readonly media: EditorMedia;
  readonly start: number;
  readonly in: number;
  readonly length: number;
  /** 1 = as recorded. */
  readonly volume: number;
}

/** A board as an editor's timeline: a picture track, sound tracks, a marker per shot, all in whole frames. */
export interface EditorTimeline {
  readonly title: string;
  readonly rate: FrameRate;
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  readonly video: readonly EditorClip[];
  /** The takes' own sound, under their pictures (muted shots left out). */
  readonly takeSound: readonly EditorClip[];
  readonly voice: readonly EditorClip[];
  /** Each music bed on a track of its own (beds may overlap). */
  readonly music: readonly (readonly EditorClip[])[];
  readonly markers: readonly { readonly name: string; readonly start: number; readonly length: number }[];
}

/** What the timeline is laid out from besides the film: its picture and the media files each clip plays. */
export interface EditorTimelineInput {
  readonly title: string;
  readonly rate: FrameRate;
  readonly width: number;
  readonly height: number;
  /** The take file of each clip (by the clip's index in the film), with its whole length in seconds. */
  readonly takeMedia: (index: number) => { readonly path: string; readonly seconds: number };
  /** The spoken line's file of each clip that has one. */
  readonly voiceMedia: (index: number) => { readonly path: string; readonly seconds: number } | null;
  /** The board's music beds with their files (name, path, length, level, and the shots they span). */
  readonly music?: readonly {
    readonly name: string;
    readonly path: string;
    readonly seconds: number;
    readonly volume: number;
    readonly fromShotId: string | null;
    readonly toShotId: string | null;
  }[];
}

/** Seconds to whole frames at a rate. */
export const toFrames = (seconds: number, rate: FrameRate): number => Math.round((seconds * rate.num) / rate.den);

/** A short name for a shot: its number and the first words of its prompt. */
const shotName = (index: number, prompt: string): string => {
  const words = prompt.trim().split(/\s+/).slice(0, 6).join(' ');
  return words ? `${index + 1}. ${words}` : `Shot ${index + 1}`;
};

/**
 * Lays the film out in whole frames: each clip's in point and length are rounded once, and every start is the sum of
 * the lengths before it, so the picture never drifts from what was planned however many shots there are.
 */
export function editorTimeline(film: FilmTimeline, input: EditorTimelineInput): EditorTimeline {
  const { rate } = input;
  const video: EditorClip[] = [];
  const takeSound: EditorClip[] = [];
  const voice: EditorClip[] = [];
  const markers: EditorTimeline['markers'][number][] = [];
  let start = 0;
  for (const [at, clip] of film.clips.entries()) {
    const take = input.takeMedia(at);
    const media: EditorMedia = {
      id: `take${at + 1}`,
      path: take.path,
      frames: toFrames(take.seconds, rate),
      kind: 'video',
    };
    const sourceIn = Math.min(toFrames(clip.sourceIn, rate), Math.max(0, media.frames - 1));
    const length = Math.max(1, Math.min(toFrames(clip.sourceOut, rate), media.frames) - sourceIn);
    const name = shotName(clip.index, clip.shot.prompt);
    video.push({ name, media, start, in: sourceIn, length, volume: 1 });
    if (!clip.shot.sound.muted)
      takeSound.push({ name, media, start, in: sourceIn, length, volume: clip.shot.sound.volume });
    markers.push({ name, start, length });
    start += length;
  }
  const lines = film.clips.flatMap((clip, at) => {
    const spoken = input.voiceMedia(at);
    const placed = video[at];
    return spoken && placed ? [{ clip, at, spoken, start: placed.start }] : [];
  });
  for (const [order, line] of lines.entries()) {
    const frames = toFrames(line.spoken.seconds, input.rate);
    const media: EditorMedia = { id: `line${line.at + 1}`, path: line.spoken.path, frames, kind: 'audio' };
    // One voice track: a line that runs past the next line's start is cut there, and every line ends with the film.
    const until = lines[order + 1]?.start ?? start;
    const length = Math.min(frames, until - line.start);
    if (length > 0)
      voice.push({ name: `Line ${line.clip.index + 1}`, media, start: line.start, in: 0, length, volume: 1 });
  }
  const placed = (shotId: string) => video[film.clips.findIndex((clip) => clip.shot.id === shotId)];
  const music = (input.music ?? []).flatMap((bed, at) => {
    const from = bed.fromShotId === null ? null : placed(bed.fromShotId);
    const to = bed.toShotId === null ? null : placed(bed.toShotId);
    // A bed whose shots have no take in the film is not on the timeline.
    if (from === undefined || to === undefined) return [];
    const begin = from?.start ?? 0;
    const end = to ? to.start + to.length : start;
    const frames = toFrames(bed.seconds, rate);
    const media: EditorMedia = { id: `music${at + 1}`, path: bed.path, frames, kind: 'audio' };
    const length = Math.min(frames, end - begin);
    return length > 0 ? [[{ name: bed.name, media, start: begin, in: 0, length, volume: bed.volume }]] : [];
  });
  return {
    title: input.title,
    rate,
    width: input.width,
    height: input.height,
    frames: start,
    video,
    takeSound,
    voice,
    music,
    markers,
  };
}
