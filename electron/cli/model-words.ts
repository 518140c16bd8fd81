import { acceptedWords, listWords } from '../../shared/catalog/generation-request';
import { formatMoney } from '../../shared/text/money';
import { choicesFor, durationsOf, imageSlotsOf, shapeNamesOf } from '../../shared/catalog/model-lookup';
import type { ModelState, VideoModel } from '../../shared/catalog/video-model';

/** A model's state, as the CLI says it. */
export const STATE_WORDS: Readonly<Record<ModelState, string>> = {
  confirmed: 'confirmed live',
  unconfirmed: 'not confirmed',
  unavailable: 'no longer offered',
};

/** `4, 8 or 12 s`, `3–15 s`, `8 s`. */
export function durationWords(model: VideoModel): string {
  const durations = durationsOf(model);
  if (durations.kind === 'list') return `${listWords(durations.seconds)} s`;
  if (durations.kind === 'range') return `${durations.min}–${durations.max} s`;
  return durations.seconds === null ? 'length set by the model' : `${durations.seconds} s`;
}

/** The shapes, each once, as ratios (`16:9, 9:16, adaptive`), or what happens without a shape field. */
export function shapeWords(model: VideoModel): string {
  const names = shapeNamesOf(model);
  return names.length > 0 ? names.join(', ') : 'follows the image';
}

/** The resolutions in the model's spelling, or a dash. */
export function resolutionWords(model: VideoModel): string {
  const values = choicesFor(model, 'resolution');
  return values.length > 0 ? values.join(', ') : '—';
}

/** `first frame, last frame, up to 7 references`, or `none`. */
export function imageWords(model: VideoModel): string {
  const slots = imageSlotsOf(model);
  const words = [
    slots.first > 0 ? 'first frame' : null,
    slots.last > 0 ? 'last frame' : null,
    slots.reference === 1 ? '1 reference' : slots.reference > 1 ? `up to ${slots.reference} references` : null,
  ].filter((word): word is string => word !== null);
  return words.length > 0 ? words.join(', ') : 'none';
}

/** `$0.08/s (price of 2026-09-24)`, `$0.05/s (yours)`, `no price`. */
export function priceWords(model: VideoModel): string {
  const { perSecond, asOf, source } = model.price;
  if (perSecond === null) return 'no price';
  return `${formatMoney(perSecond)}/s (${source === 'user' ? 'yours' : `APIMart's price of ${asOf ?? 'an earlier day'}`})`;
}

/** One line per parameter: its name, what it accepts, its default and what it is. */
export function parameterLines(model: VideoModel): string[] {
  const lines = model.params.map((param) => {
    const fallback = 'default' in param && param.default !== null ? `; default ${String(param.default)}` : '';
    const required = param.required ? ' (required)' : '';
    const about = param.description ? ` — ${param.description}` : '';
    const meaning = param.meaning ? ` [--${param.meaning === 'aspect' ? 'aspect' : param.meaning}]` : '';
    return `  ${param.name}${required}${meaning}: ${acceptedWords(param)}${fallback}${about}`;
  });
  const images = model.images.map((input) => {
    const roles = input.roles.map((role) => (role === 'reference' ? 'references' : `${role} frame`)).join(' + ');
    return `  ${input.field}: ${input.shape === 'url' ? 'one image' : `up to ${input.maxItems} images`} (${roles})`;
  });
  return [...lines, ...images];
}
