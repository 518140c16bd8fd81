import { describe, expect, it } from 'vitest';
import type { MusicBed } from '../../../shared/boards/board-models';
import { filmTimeline } from '../../../shared/boards/film-timeline';
import { bedSpan, filmMixPlan, type Pcm } from '../../../shared/audio/film-mix';
import { integratedLoudness, gainToTarget } from '../../../shared/audio/loudness';
import { levelled, mixToStereo } from '../../../shared/audio/mix';
import { board, shot, spoken } from '../../support/board-builders';

const RATE = 48_000;
const tone = (seconds: number, hz: number, amplitude: number) =>
  Float32Array.from(
    { length: Math.round(seconds * RATE) },
    (_, at) => amplitude * Math.sin((2 * Math.PI * hz * at) / RATE),
  );
const constant = (seconds: number, value: number) => new Float32Array(Math.round(seconds * RATE)).fill(value);

function bed(patch: Partial<MusicBed> = {}): MusicBed {
  return {
    id: '00000000-0000-4000-8000-00000000beef',
    file: `${'b'.repeat(64)}.wav`,
    name: 'theme.wav',
    seconds: 60,
    fromShotId: null,
    toShotId: null,
    volume: 0.5,
    fadeIn: 0,
    fadeOut: 0,
    duck: true,
    ...patch,
  };
}

describe('loudness (BS.1770)', () => {
  it('measures a full-scale 997 Hz tone on both sides at 0 LUFS and one at a tenth at −20', () => {
    expect(integratedLoudness([tone(3, 997, 1), tone(3, 997, 1)], RATE)).toBeCloseTo(0, 1);
    expect(integratedLoudness([tone(3, 997, 0.1), tone(3, 997, 0.1)], RATE)).toBeCloseTo(-20, 1);
    // One side alone is 3 dB quieter than both.
    expect(integratedLoudness([tone(3, 997, 1), new Float32Array(3 * RATE)], RATE)).toBeCloseTo(-3.01, 1);
  });

  it('weights low rumble down and leaves silence unmeasured (no gain for it)', () => {
    expect(integratedLoudness([tone(3, 30, 0.5), tone(3, 30, 0.5)], RATE)).toBeLessThan(-9);
    expect(integratedLoudness([new Float32Array(RATE * 2)], RATE)).toBe(-Infinity);
    expect(gainToTarget(-Infinity)).toBe(1);
    expect(gainToTarget(-26, -16)).toBeCloseTo(10 ** 0.5, 6);
  });

  it('gates out the quiet: a pause between two loud stretches does not lower the reading', () => {
    const loud = tone(2, 997, 0.1);
    const withPause = new Float32Array(loud.length * 2 + RATE * 3);
    withPause.set(loud, 0);
    withPause.set(loud, loud.length + RATE * 3);
    expect(integratedLoudness([withPause, withPause], RATE)).toBeCloseTo(-20, 0);
  });

  it('levels a quiet mix up to the target without clipping a sample', () => {
    const quiet = tone(4, 440, 0.02);
    const { channels, loudness } = levelled([quiet, quiet.slice()], RATE, -16);
    const [left, right] = channels;
    expect(integratedLoudness([left, right], RATE)).toBeGreaterThan(-17);
    expect(integratedLoudness([left, right], RATE)).toBeLessThan(-15);
    expect(loudness).toBeCloseTo(integratedLoudness([left, right], RATE), 1);
    expect(levelled([new Float32Array(RATE), new Float32Array(RATE)], RATE).loudness).toBeNull();
    expect(left.reduce((peak, sample) => Math.max(peak, Math.abs(sample)), 0)).toBeLessThan(1);
  });
});

describe('the film mix plan', () => {
  const two = () => {
    const first = shot({ voiceOver: spoken('Hello there', 6) });
    const second = shot({ trim: { in: 1, out: 3 }, sound: { volume: 0.5, muted: false } });
    const third = shot({ sound: { volume: 1, muted: true }, voiceOver: spoken('Goodbye', 1) });
    return { first, second, third, film: filmTimeline(board([first, second, third]), () => 4) };
  };

  it('puts each take under its clip at its volume, the muted one nowhere', () => {
    const { film } = two();
    const plan = filmMixPlan(film, [], { take: () => [constant(4, 0.1)], line: () => null, music: () => null });
    expect(plan.frames).toBe(10 * RATE);
    expect(
      plan.sources.map((source) => [source.role, source.start / RATE, source.gain, source.channels[0]?.length]),
    ).toEqual([
      ['take', 0, 1, 4 * RATE],
      // The trimmed take is cut to what the clip plays (the decoder already started it at the trim's in).
      ['take', 4, 0.5, 2 * RATE],
    ]);
  });

  it('lets a line run until the next line starts, and the last one until the film ends', () => {
    const { film } = two();
    const plan = filmMixPlan(film, [], {
      take: () => null,
      line: (clip) => (clip.line ? [constant(clip.line.seconds, 0.2)] : null),
      music: () => null,
    });
    expect(
      plan.sources.map((source) => [source.role, source.start / RATE, (source.channels[0]?.length ?? 0) / RATE]),
    ).toEqual([
      ['voice', 0, 6],
      ['voice', 6, 1],
    ]);
  });

  it('spans a bed over its shots with its fades and ducking choice, and drops one whose shots left the film', () => {
    const { film, second, third } = two();
    expect(bedSpan(film, bed())).toEqual({ start: 0, end: 10 });
    expect(bedSpan(film, bed({ fromShotId: second.id, toShotId: third.id }))).toEqual({ start: 4, end: 10 });
    expect(bedSpan(film, bed({ fromShotId: '00000000-0000-4000-8000-0000000000ff' }))).toBeNull();
    const plan = filmMixPlan(film, [bed({ fromShotId: second.id, toShotId: second.id, fadeIn: 0.5, duck: false })], {
      take: () => null,
      line: () => null,
      music: () => [constant(60, 0.3)],
    });
    expect(plan.sources).toHaveLength(1);
    expect(plan.sources[0]).toMatchObject({
      role: 'music',
      start: 4 * RATE,
      gain: 0.5,
      fadeIn: RATE / 2,
      unducked: true,
    });
    expect(plan.sources[0]?.channels[0]?.length).toBe(2 * RATE);
  });

  it('mixes to a film where the voice stands over the lowered music', () => {
    const { film } = two();
    const sounds = (): {
      take: () => null;
      line: (clip: { line: { seconds: number } | null }) => Pcm | null;
      music: () => Pcm;
    } => ({
      take: () => null,
      line: (clip) => (clip.line ? [tone(clip.line.seconds, 180, 0.3)] : null),
      music: () => [tone(60, 440, 0.3)],
    });
    const [left] = mixToStereo(filmMixPlan(film, [bed({ volume: 1 })], sounds()));
    const rms = (from: number, to: number) => {
      let sum = 0;
      for (let at = Math.round(from * RATE); at < Math.round(to * RATE); at += 1) sum += (left[at] ?? 0) ** 2;
      return Math.sqrt(sum / ((to - from) * RATE));
    };
    // Music alone (after the last line) plays at its level: a 0.3 sine, RMS 0.21. Under the first line it is lowered
    // to a quarter, so voice and music together measure about 0.22 — undimmed they would be 0.3.
    const underVoice = rms(1, 5);
    const musicAlone = rms(8, 9.5);
    expect(musicAlone).toBeCloseTo(0.212, 2);
    expect(underVoice).toBeGreaterThan(0.2);
    expect(underVoice).toBeLessThan(0.24);
  });
});
