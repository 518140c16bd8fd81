/**
 * The film's sound as sums and gains on PCM (Float32, one array per channel, all at one sample rate): the takes' own
 * sound, the voice-over and music, each placed, levelled and faded, the music ducked under the voice. Plain
 * TypeScript, so the window and the CLI mix alike (neither Web Audio nor a native library is needed).
 */

import { FILM_LOUDNESS, gainToTarget, integratedLoudness } from './loudness';

/** What a sound is to the mix: music is the one that makes way for the voice. */
export type MixRole = 'take' | 'voice' | 'music';

/** One sound placed in the film. */
export interface MixSource {
  readonly role: MixRole;
  /** One array (mono, played on both sides) or two (stereo). */
  readonly channels: readonly Float32Array[];
  /** Where it starts in the film, in sample frames. */
  readonly start: number;
  /** Linear gain (1 = as recorded). */
  readonly gain: number;
  readonly fadeIn?: number;
  readonly fadeOut?: number;
  /** Music that keeps its level under the voice (a bed the user did not want lowered). */
  readonly unducked?: boolean;
}

/** The whole mix: its length, the sounds in it, and how far the music is lowered while someone speaks. */
export interface MixPlan {
  readonly frames: number;
  readonly sources: readonly MixSource[];
  /** The music's gain under the voice (0.25 ≈ −12 dB), and how long it takes to go down and come back, in frames. */
  readonly duck?: { readonly gain: number; readonly attack: number; readonly release: number };
}

/** A source's level at frame `at` of itself: its gain with its fades. */
function levelAt(source: MixSource, at: number, length: number): number {
  let level = source.gain;
  if (source.fadeIn && at < source.fadeIn) level *= at / source.fadeIn;
  if (source.fadeOut && at >= length - source.fadeOut) level *= (length - at) / source.fadeOut;
  return level;
}

/**
 * The music's gain over the film: 1, lowered to `duck.gain` wherever a voice sounds, reaching it `attack` frames
 * after the voice starts (ramping down from when it starts) and coming back over `release` frames after it ends.
 */
export function duckingCurve(plan: MixPlan): Float32Array {
  const curve = new Float32Array(plan.frames).fill(1);
  const duck = plan.duck;
  if (!duck) return curve;
  const speaking = new Uint8Array(plan.frames);
  for (const source of plan.sources) {
    if (source.role !== 'voice') continue;
    const length = source.channels[0]?.length ?? 0;
    speaking.fill(1, Math.max(0, source.start), Math.min(plan.frames, source.start + length));
  }
  // Down at the attack's pace while speaking, up at the release's pace otherwise.
  const down = (1 - duck.gain) / Math.max(1, duck.attack);
  const up = (1 - duck.gain) / Math.max(1, duck.release);
  let gain = 1;
  for (let at = 0; at < plan.frames; at += 1) {
    gain = speaking[at] ? Math.max(duck.gain, gain - down) : Math.min(1, gain + up);
    curve[at] = gain;
  }
  return curve;
}

/** Mixes the plan to stereo; the sum is soft-limited so that loud moments bend instead of clipping. */
export function mixToStereo(plan: MixPlan): [Float32Array, Float32Array] {
  const left = new Float32Array(plan.frames);
  const right = new Float32Array(plan.frames);
  const ducking = duckingCurve(plan);
  for (const source of plan.sources) {
    const [first, second = first] = source.channels;
    if (!first || !second) continue;
    const length = first.length;
    const ducked = source.role === 'music' && !source.unducked;
    const from = Math.max(0, -source.start);
    const to = Math.min(length, plan.frames - source.start);
    for (let at = from; at < to; at += 1) {
      const frame = source.start + at;
      const level = levelAt(source, at, length) * (ducked ? (ducking[frame] ?? 1) : 1);
      left[frame] = (left[frame] ?? 0) + (first[at] ?? 0) * level;
      right[frame] = (right[frame] ?? 0) + (second[at] ?? 0) * level;
    }
  }
  for (const channel of [left, right])
    for (let at = 0; at < channel.length; at += 1) channel[at] = limit(channel[at] ?? 0);
  return [left, right];
}

/**
 * The mix brought to the film's loudness target (integrated, BS.1770), its peaks bent by the same soft limit as the
 * mix: quiet takes come up, a loud bed comes down, and no sample clips. Its loudness is what it measured plus the
 * gain (the limit touches only rare peaks); null for silence.
 */
export function levelled(
  mix: readonly [Float32Array, Float32Array],
  sampleRate: number,
  target: number = FILM_LOUDNESS.target,
): { channels: [Float32Array, Float32Array]; loudness: number | null } {
  const measured = integratedLoudness(mix, sampleRate);
  const gain = gainToTarget(measured, target);
  return {
    channels: [mix[0].map((sample) => limit(sample * gain)), mix[1].map((sample) => limit(sample * gain))],
    loudness: Number.isFinite(measured) ? measured + 20 * Math.log10(gain) : null,
  };
}

/** Leaves the body of the signal alone (below 0.8) and bends what passes it smoothly towards full scale. */
function limit(sample: number): number {
  const magnitude = Math.abs(sample);
  if (magnitude <= 0.8) return sample;
  return Math.sign(sample) * (0.8 + 0.2 * Math.tanh((magnitude - 0.8) / 0.2));
}
