import type { FilmTimeline } from './film-timeline';

/** One subtitle: when it shows in the film (seconds) and its text (at most two lines). */
export interface SubtitleCue {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** How much text one cue shows: two lines of about 42 characters, as broadcast subtitles keep them. */
const LINE_CHARS = 42;
const CUE_CHARS = LINE_CHARS * 2;

/** Breaks a text into pieces of at most `max` characters, at sentence ends, then commas, then spaces. */
function pieces(text: string, max: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let current = '';
  for (const word of words) {
    const next = current ? `${current} ${word}` : word;
    if (next.length > max && current) {
      out.push(current);
      current = word;
    } else current = next;
    // A sentence that ends past half a cue closes it: cues follow the speech's own pauses.
    if (/[.!?…。！？]$/.test(current) && current.length >= max / 2) {
      out.push(current);
      current = '';
    }
  }
  if (current) out.push(current);
  return out;
}

/** Two lines at most: the break goes at the space nearest the middle. */
function twoLines(text: string): string {
  if (text.length <= LINE_CHARS) return text;
  const middle = text.length / 2;
  let best = -1;
  for (let at = text.indexOf(' '); at >= 0; at = text.indexOf(' ', at + 1))
    if (best < 0 || Math.abs(at - middle) < Math.abs(best - middle)) best = at;
  return best < 0 ? text : `${text.slice(0, best)}\n${text.slice(best + 1)}`;
}

/**
 * The film's subtitles from its spoken lines: each line shows from its shot's start for as long as it is spoken (cut at
 * the film's end), split into cues of two short lines timed by their share of the words.
 */
export function subtitleCues(film: FilmTimeline): SubtitleCue[] {
  return [...lineCues(film), ...dialogueCues(film)].sort((a, b) => a.start - b.start);
}

/**
 * The takes' own dialogue (where it was transcribed from the take the film plays): each cue moved to where its take
 * plays in the film, cut to the shot's trim.
 */
function dialogueCues(film: FilmTimeline): SubtitleCue[] {
  return film.clips.flatMap((clip) => {
    const dialogue = clip.shot.dialogue;
    if (!dialogue || dialogue.jobId !== clip.take.jobId) return [];
    return dialogue.cues.flatMap((cue) => {
      const start = Math.max(cue.start, clip.sourceIn);
      const end = Math.min(cue.end, clip.sourceOut);
      if (end <= start) return [];
      const offset = clip.start - clip.sourceIn;
      return [{ start: start + offset, end: end + offset, text: cue.text }];
    });
  });
}

/** The spoken lines' cues. */
function lineCues(film: FilmTimeline): SubtitleCue[] {
  return film.clips.flatMap((clip) => {
    const line = clip.line;
    if (!line) return [];
    const end = Math.min(clip.start + line.seconds, film.duration);
    const parts = pieces(line.text, CUE_CHARS);
    const total = parts.reduce((sum, part) => sum + part.length, 0);
    let at = clip.start;
    return parts.map((part) => {
      const cueEnd = Math.min(end, at + ((end - clip.start) * part.length) / total);
      const cue = { start: at, end: cueEnd, text: twoLines(part) };
      at = cueEnd;
      return cue;
    });
  });
}

/** A time as subtitles write it: `HH:MM:SS,mmm` (SRT) or `HH:MM:SS.mmm` (WebVTT). */
function stamp(seconds: number, separator: ',' | '.'): string {
  const ms = Math.round(seconds * 1000);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(Math.floor(ms / 3_600_000))}:${two(Math.floor(ms / 60_000) % 60)}:${two(Math.floor(ms / 1000) % 60)}${separator}${String(ms % 1000).padStart(3, '0')}`;
}

/** The cues as a SubRip (.srt) file. */
export function toSrt(cues: readonly SubtitleCue[]): string {
  return cues
    .map((cue, index) => `${index + 1}\n${stamp(cue.start, ',')} --> ${stamp(cue.end, ',')}\n${cue.text}\n`)
    .join('\n');
}

/** The cues as a WebVTT (.vtt) file. */
export function toVtt(cues: readonly SubtitleCue[]): string {
  return `WEBVTT\n\n${cues.map((cue) => `${stamp(cue.start, '.')} --> ${stamp(cue.end, '.')}\n${cue.text}\n`).join('\n')}`;
}

/** The most of a SubRip text that is read (a transcription of a long take is far below it). */
const MAX_SRT_CHARS = 1_000_000;

/** `00:01:02,345` (or with a dot) in seconds; null when it is not a time. */
function secondsOf(stampText: string): number | null {
  const match = /^(\d{1,2}):(\d{2}):(\d{2})[,.](\d{3})$/.exec(stampText.trim());
  if (!match) return null;
  const [, hours = '0', minutes = '0', seconds = '0', millis = '0'] = match;
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds) + Number(millis) / 1000;
}

/** SubRip cues, read leniently (numbers optional, blank lines between cues), bounded; unreadable cues are skipped. */
export function parseSrt(text: string): SubtitleCue[] {
  const cues: SubtitleCue[] = [];
  for (const block of text
    .slice(0, MAX_SRT_CHARS)
    .replaceAll('\r', '')
    .split(/\n{2,}/)) {
    const lines = block.split('\n').filter((line) => line.trim() !== '');
    const timing = lines.findIndex((line) => line.includes('-->'));
    if (timing < 0) continue;
    const [from = '', to = ''] = (lines[timing] ?? '').split('-->');
    const start = secondsOf(from);
    const end = secondsOf(to.trim().split(/\s/)[0] ?? '');
    const words = lines
      .slice(timing + 1)
      .join('\n')
      .trim();
    if (start !== null && end !== null && end > start && words !== '') cues.push({ start, end, text: words });
  }
  return cues;
}
