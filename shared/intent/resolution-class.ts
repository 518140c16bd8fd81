import { RESOLUTION_CLASSES, type ResolutionClass } from './intent-models';

/**
 * Words models use for each class, lower-cased: Kling's `std`/`pro`, Sora's `standard`/`high`, Nova's `draft`. A word
 * that names no sharpness (Nova's `final`, a speed like `fast`) has no class: nothing is guessed about it.
 */
const CLASS_WORDS: Readonly<Record<ResolutionClass, readonly string[]>> = {
  draft: ['draft', 'low', 'sd', 'preview'],
  hd: ['hd', 'std', 'standard', 'medium'],
  'full-hd': ['fhd', 'pro', 'high', 'full hd', 'full-hd'],
  '4k': ['4k', 'uhd', '2160p'],
};

/** The class of a model's resolution value (`720p` → hd, `pro` → full-hd), or null when it names none. */
export function resolutionClassOf(value: string | number | boolean | undefined): ResolutionClass | null {
  if (value === undefined || typeof value === 'boolean') return null;
  const word = String(value).trim().toLowerCase();
  const lines = /^(\d{3,4})p$/.exec(word);
  if (lines) {
    const height = Number(lines[1]);
    return height >= 2000 ? '4k' : height >= 1000 ? 'full-hd' : height >= 700 ? 'hd' : 'draft';
  }
  return RESOLUTION_CLASSES.find((name) => CLASS_WORDS[name].includes(word)) ?? null;
}

/** How people read a class: `draft`, `HD`, `full HD`, `4K`. */
export const RESOLUTION_CLASS_WORDS: Readonly<Record<ResolutionClass, string>> = {
  draft: 'draft',
  hd: 'HD',
  'full-hd': 'full HD',
  '4k': '4K',
};

/**
 * The value of a model's resolution choice nearest the wanted class: the same class if offered, else the closest
 * (the sharper of two as close, since a creator who asked for more rarely wants less).
 */
export function nearestResolution<Value extends string | number>(
  values: readonly Value[],
  wanted: ResolutionClass,
): Value | undefined {
  const rank = (name: ResolutionClass) => RESOLUTION_CLASSES.indexOf(name);
  let best: { value: Value; distance: number; rank: number } | undefined;
  for (const value of values) {
    const found = resolutionClassOf(value);
    if (found === null) continue;
    const distance = Math.abs(rank(found) - rank(wanted));
    if (!best || distance < best.distance || (distance === best.distance && rank(found) > best.rank))
      best = { value, distance, rank: rank(found) };
  }
  return best?.value;
}
