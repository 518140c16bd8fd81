/**
 * Deterministic randomness for the chaos run: every decision is drawn from a stream named by what it decides, so
 * the same seed gives the same fault for the fifth poll or the same fate for job 17, whatever order the processes
 * happen to reach them in.
 */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** 32-bit FNV-1a of a string, to turn a stream's name into part of its seed. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Mulberry32: a small, fast generator with a full 2^32 period, plenty for fault plans. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator for the stream `name` of run `seed`. */
export function seededRandom(seed: number, name: string): SeededRandom {
  const next = mulberry32((seed ^ hashString(name)) >>> 0);
  return {
    next,
    chance: (p) => next() < p,
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
  };
}
