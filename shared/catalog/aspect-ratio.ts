/** A shape as a ratio in lowest terms (16:9), or `adaptive`: the model follows the first image's own shape. */
export type AspectRatio = { readonly width: number; readonly height: number } | 'adaptive';

/** Names models use for shapes, as the ratios they mean. */
const NAMED: Readonly<Record<string, string>> = {
  landscape: '16:9',
  horizontal: '16:9',
  widescreen: '16:9',
  portrait: '9:16',
  vertical: '9:16',
  square: '1:1',
};

const ADAPTIVE = new Set(['adaptive', 'auto', 'keep', 'original']);

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** `16:9`, `16/9`, `1280x720`, `1280*720`, `landscape` → 16:9 in lowest terms; `adaptive` → adaptive; else null. */
export function parseAspect(value: string | number | boolean): AspectRatio | null {
  if (typeof value !== 'string') return null;
  const spelled = value.trim().toLowerCase();
  if (ADAPTIVE.has(spelled)) return 'adaptive';
  const match = /^(\d{1,5})\s*[:/x*×]\s*(\d{1,5})$/.exec(NAMED[spelled] ?? spelled);
  if (!match) return null;
  const width = Number(match[1]);
  const height = Number(match[2]);
  if (width === 0 || height === 0) return null;
  const divisor = gcd(width, height);
  return { width: width / divisor, height: height / divisor };
}

/** A shape's canonical key: `16:9`, `adaptive`. */
function aspectKey(ratio: AspectRatio): string {
  return ratio === 'adaptive' ? 'adaptive' : `${ratio.width}:${ratio.height}`;
}

/** The canonical key of a spelled shape, or null when it is not one. */
export function aspectKeyOf(value: string | number | boolean): string | null {
  const ratio = parseAspect(value);
  return ratio === null ? null : aspectKey(ratio);
}

/** Whether most of a field's values read as shapes: how a field of another name is recognised as the aspect. */
export function looksLikeAspects(values: readonly (string | number | boolean)[]): boolean {
  const shapes = values.filter((value) => parseAspect(value) !== null).length;
  return values.length > 0 && shapes >= Math.max(2, Math.ceil(values.length * 0.6));
}

/** The model's own spelling of a wanted shape (`landscape` for 16:9 where the model says so), or undefined. */
export function matchAspect(
  values: readonly (string | number | boolean)[],
  wanted: string,
): string | number | boolean | undefined {
  const exact = values.find((value) => String(value).toLowerCase() === wanted.trim().toLowerCase());
  if (exact !== undefined) return exact;
  const key = aspectKeyOf(wanted);
  return key === null ? undefined : values.find((value) => aspectKeyOf(value) === key);
}

/** Landscape, portrait or square, from a shape: what the library and the window group by. */
export function orientationOf(
  value: string | number | boolean | undefined,
): 'landscape' | 'portrait' | 'square' | null {
  const ratio = value === undefined ? null : parseAspect(value);
  if (ratio === null || ratio === 'adaptive') return null;
  if (ratio.width === ratio.height) return 'square';
  return ratio.width > ratio.height ? 'landscape' : 'portrait';
}
