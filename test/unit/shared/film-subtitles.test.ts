import { describe, expect, it } from 'vitest';
import { board, shot, spoken } from '../../support/board-builders';
import { filmTimeline } from '../../../shared/boards/film-timeline';
import { parseSrt, subtitleCues, toSrt, toVtt } from '../../../shared/boards/subtitles';

const fourSeconds = () => 4;

describe('the film a board makes', () => {
  it('lays the takes end to end, each cut to its trim', () => {
    const film = filmTimeline(
      board([
        shot(),
        shot({ trim: { in: 1, out: 3.5 } }),
        shot({ trim: { in: 0.5, out: null } }),
        shot({ trim: { in: 3, out: 9 } }),
      ]),
      fourSeconds,
    );
    expect(film.clips.map((clip) => [clip.start, clip.sourceIn, clip.sourceOut, clip.duration])).toEqual([
      [0, 0, 4, 4],
      [4, 1, 3.5, 2.5],
      [6.5, 0.5, 4, 3.5],
      [10, 3, 4, 1],
    ]);
    expect(film.duration).toBe(11);
  });

  it('plays a take whole when its trim leaves nothing, and leaves out shots without a take', () => {
    const film = filmTimeline(
      board([shot({ trim: { in: 5, out: null } }), shot({ takes: [], chosenJobId: null })]),
      fourSeconds,
    );
    expect(film.clips).toHaveLength(1);
    expect(film.clips[0]).toMatchObject({ sourceIn: 0, sourceOut: 4, duration: 4 });
  });

  it("keeps a line's audio only while it was spoken from the line as it stands", () => {
    const changed = spoken('Hello there.', 1.2);
    const film = filmTimeline(
      board([shot({ voiceOver: spoken('Hello there.', 1.2) }), shot({ voiceOver: { ...changed, text: 'Goodbye.' } })]),
      fourSeconds,
    );
    expect(film.clips.map((clip) => clip.line?.text ?? null)).toEqual(['Hello there.', null]);
  });
});

describe('subtitles from the spoken lines', () => {
  it('shows each line from its shot’s start for as long as it is spoken, as SRT and WebVTT', () => {
    const film = filmTimeline(
      board([
        shot({ voiceOver: spoken('The tide is turning.', 1.5) }),
        shot(),
        shot({ voiceOver: spoken('Run!', 0.6) }),
      ]),
      fourSeconds,
    );
    const cues = subtitleCues(film);
    expect(cues).toEqual([
      { start: 0, end: 1.5, text: 'The tide is turning.' },
      { start: 8, end: 8.6, text: 'Run!' },
    ]);
    expect(toSrt(cues)).toBe(
      '1\n00:00:00,000 --> 00:00:01,500\nThe tide is turning.\n\n2\n00:00:08,000 --> 00:00:08,600\nRun!\n',
    );
    expect(toVtt(cues)).toBe(
      'WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nThe tide is turning.\n\n00:00:08.000 --> 00:00:08.600\nRun!\n',
    );
  });

  it('splits a long line into cues of two short lines, timed by their share of the words, within the film', () => {
    const text =
      'The keeper climbed the hundred steps every night for forty years. Nobody ever asked him why he stayed, and he never told them about the letters.';
    const film = filmTimeline(board([shot({ voiceOver: spoken(text, 12) })]), fourSeconds);
    const cues = subtitleCues(film);
    expect(cues.length).toBeGreaterThan(1);
    for (const cue of cues) {
      const lines = cue.text.split('\n');
      expect(lines.length).toBeLessThanOrEqual(2);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(50);
    }
    expect(cues.map((cue) => cue.text.replace('\n', ' ')).join(' ')).toBe(text);
    expect(cues[0]?.start).toBe(0);
    // The film is four seconds long: the last cue ends with it.
    expect(cues.at(-1)?.end).toBe(4);
    for (const [index, cue] of cues.entries()) {
      expect(cue.end).toBeGreaterThan(cue.start);
      if (index > 0) expect(cue.start).toBe(cues[index - 1]?.end);
    }
  });

  it('writes hours, minutes and milliseconds as the formats want them', () => {
    const cues = [{ start: 3_723.0456, end: 3_725.9, text: 'Late' }];
    expect(toSrt(cues)).toContain('01:02:03,046 --> 01:02:05,900');
    expect(toVtt(cues)).toContain('01:02:03.046 --> 01:02:05.900');
  });
});

describe('reading SubRip', () => {
  it('reads what it writes, and what transcription services send (CRLF, no numbers, two lines, a position)', () => {
    const cues = [
      { start: 0, end: 1.5, text: 'The tide is turning.' },
      { start: 8, end: 9.25, text: 'Run!\nNow.' },
    ];
    expect(parseSrt(toSrt(cues))).toEqual(cues);
    expect(
      parseSrt(
        '00:00:01,000 --> 00:00:02,500 X1:0\r\nHello there\r\n\r\n\r\n2\r\n00:00:03.000 --> 00:00:04.000\r\nBye\r\n',
      ),
    ).toEqual([
      { start: 1, end: 2.5, text: 'Hello there' },
      { start: 3, end: 4, text: 'Bye' },
    ]);
  });

  it('skips what is not a cue: no times, times backwards, no words, garbage', () => {
    expect(
      parseSrt(
        '1\n00:00:05,000 --> 00:00:04,000\nBackwards\n\n2\n00:00:01,000 --> 00:00:02,000\n\n\nnot a cue\n\n\u0000\u0001',
      ),
    ).toEqual([]);
    expect(parseSrt('')).toEqual([]);
  });
});
