import { describe, expect, it } from 'vitest';
import { duckingCurve, mixToStereo, type MixPlan } from '../../../shared/audio/mix';

const RATE = 48_000;
const tone = (seconds: number, hz: number, amplitude: number) =>
  Float32Array.from(
    { length: Math.round(seconds * RATE) },
    (_, at) => amplitude * Math.sin((2 * Math.PI * hz * at) / RATE),
  );
/** Root mean square of a stretch, in dBFS. */
const rmsDb = (samples: Float32Array, from: number, to: number) => {
  let sum = 0;
  for (let at = from; at < to; at += 1) sum += (samples[at] ?? 0) ** 2;
  return 10 * Math.log10(sum / (to - from));
};

describe('the mix', () => {
  it('places each sound where it starts, at its level, mono on both sides', () => {
    const [left, right] = mixToStereo({
      frames: RATE * 2,
      sources: [{ role: 'take', channels: [Float32Array.of(0.5, 0.5)], start: RATE, gain: 0.5 }],
    });
    expect(left[RATE - 1]).toBe(0);
    expect(left[RATE]).toBeCloseTo(0.25, 6);
    expect(right[RATE + 1]).toBeCloseTo(0.25, 6);
    expect(left[RATE + 2]).toBe(0);
  });

  it('lowers the music under the voice by the amount set, and brings it back after', () => {
    const music = tone(6, 220, 0.3);
    // A silent line: what is measured is the music alone, lowered for as long as the line lasts.
    const voice = new Float32Array(RATE * 2);
    const plan: MixPlan = {
      frames: RATE * 6,
      sources: [
        { role: 'music', channels: [music], start: 0, gain: 1 },
        { role: 'voice', channels: [voice], start: RATE * 2, gain: 1 },
      ],
      duck: { gain: 0.25, attack: RATE * 0.2, release: RATE * 0.5 },
    };
    const curve = duckingCurve(plan);
    expect(curve[RATE]).toBe(1);
    expect(curve[RATE * 2 + RATE * 0.3]).toBeCloseTo(0.25, 6);
    expect(curve[RATE * 5]).toBe(1);
    const [left] = mixToStereo(plan);
    const musicAlone = rmsDb(left, RATE * 2.5, RATE * 3.5);
    const unducked = rmsDb(left, RATE * 0.5, RATE * 1.5);
    // −12 dB under the voice (0.25 is about −12.04 dB), as loud as before once the voice has gone.
    expect(unducked - musicAlone).toBeCloseTo(12.04, 1);
    expect(rmsDb(left, RATE * 5, RATE * 6)).toBeCloseTo(unducked, 1);
  });

  it('fades in and out over the frames given, and never clips however loud the sum', () => {
    const loud = new Float32Array(RATE).fill(0.9);
    const [left] = mixToStereo({
      frames: RATE,
      sources: [
        { role: 'take', channels: [loud], start: 0, gain: 1, fadeIn: 1000, fadeOut: 1000 },
        { role: 'music', channels: [loud], start: 0, gain: 1 },
      ],
    });
    expect(left[0]).toBeCloseTo(0.9 * 0 + 0.8 + 0.2 * Math.tanh(0.5), 6);
    expect(Math.max(...left)).toBeLessThan(1);
    expect(Math.min(...left)).toBeGreaterThan(0);
    expect(left[RATE / 2]).toBeGreaterThan(left[0] ?? 1);
  });
});
