/**
 * Programme loudness as ITU-R BS.1770-4 and EBU R 128 measure it (integrated loudness, LUFS), and the gain that brings
 * a mix to a target — the film's sound is levelled to −16 LUFS, what streaming platforms and podcasts play at.
 */

/** Where exported films are levelled to, and how far from it they may land (EBU R 128 s1 allows ±1 LU). */
export const FILM_LOUDNESS = { target: -16, tolerance: 1 } as const;

interface Biquad {
  readonly b: readonly [number, number, number];
  readonly a: readonly [number, number];
}

/**
 * The K-weighting filters for a sample rate: a high-shelf (the head's effect) and a high-pass (RLB). The published
 * coefficients are for 48 kHz; these are the same filters derived for any rate (the analog prototypes BS.1770 describes).
 */
function kWeighting(sampleRate: number): readonly [Biquad, Biquad] {
  // Stage 1: high shelf, +4 dB above ~1.7 kHz.
  const shelf = (() => {
    const gain = 3.999843853973347;
    const q = 0.7071752369554196;
    const centre = 1681.974450955533;
    const k = Math.tan((Math.PI * centre) / sampleRate);
    const vh = 10 ** (gain / 20);
    const vb = vh ** 0.4996667741545416;
    const a0 = 1 + k / q + k * k;
    return {
      b: [(vh + (vb * k) / q + k * k) / a0, (2 * (k * k - vh)) / a0, (vh - (vb * k) / q + k * k) / a0],
      a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0],
    } satisfies Biquad;
  })();
  // Stage 2: high pass at ~38 Hz.
  const highPass = (() => {
    const q = 0.5003270373238773;
    const centre = 38.13547087602444;
    const k = Math.tan((Math.PI * centre) / sampleRate);
    const a0 = 1 + k / q + k * k;
    return { b: [1, -2, 1], a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0] } satisfies Biquad;
  })();
  return [shelf, highPass];
}

function filtered(samples: Float32Array, filters: readonly Biquad[]): Float64Array {
  let signal: ArrayLike<number> = samples;
  for (const { b, a } of filters) {
    const out = new Float64Array(signal.length);
    let x1 = 0;
    let x2 = 0;
    let y1 = 0;
    let y2 = 0;
    for (let at = 0; at < signal.length; at += 1) {
      const x = signal[at] ?? 0;
      const y = b[0] * x + b[1] * x1 + b[2] * x2 - a[0] * y1 - a[1] * y2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      out[at] = y;
    }
    signal = out;
  }
  return signal as Float64Array;
}

const loudnessOf = (meanSquare: number) => -0.691 + 10 * Math.log10(meanSquare);

/**
 * Integrated loudness of left/right (or mono) PCM in LUFS: 400 ms blocks overlapping by 75%, gated at −70 LUFS and
 * then 10 LU below the loudness of what passed. Silence (or less than one block) is −Infinity.
 */
export function integratedLoudness(channels: readonly Float32Array[], sampleRate: number): number {
  const weighted = channels.map((channel) => filtered(channel, kWeighting(sampleRate)));
  const length = weighted[0]?.length ?? 0;
  const block = Math.round(0.4 * sampleRate);
  const step = Math.round(0.1 * sampleRate);
  const blocks: number[] = [];
  for (let start = 0; start + block <= length; start += step) {
    let sum = 0;
    for (const channel of weighted) {
      let energy = 0;
      for (let at = start; at < start + block; at += 1) energy += (channel[at] ?? 0) ** 2;
      sum += energy / block;
    }
    blocks.push(sum);
  }
  const loud = blocks.filter((energy) => energy > 0 && loudnessOf(energy) > -70);
  if (loud.length === 0) return -Infinity;
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const relativeGate = loudnessOf(mean(loud)) - 10;
  const gated = loud.filter((energy) => loudnessOf(energy) > relativeGate);
  return loudnessOf(mean(gated));
}

/** The linear gain that brings a mix measured at `measured` LUFS to `target` (1 for silence: nothing to level). */
export function gainToTarget(measured: number, target: number = FILM_LOUDNESS.target): number {
  return Number.isFinite(measured) ? 10 ** ((target - measured) / 20) : 1;
}
