import type { Preset } from '../../../shared/drafts/draft-models';

/** A few sensible starting points; users add their own (and cannot edit or delete these). */
export const BUILT_IN_PRESETS: readonly Preset[] = [
  {
    id: 'builtin:cinematic',
    name: 'Cinematic widescreen',
    builtIn: true,
    params: { model: 'sora-2-pro-preview', duration: 8, aspect: 'landscape', resolution: 'high' },
    style: 'Cinematic lighting, shallow depth of field, smooth camera movement, film grain.',
  },
  {
    id: 'builtin:vertical-short',
    name: 'Vertical short',
    builtIn: true,
    params: { model: 'sora-2-preview', duration: 8, aspect: 'portrait', resolution: 'standard' },
    style: 'Vertical framing for phones, subject centred, bold and clear motion.',
  },
  {
    id: 'builtin:quick-draft',
    name: 'Quick draft (cheapest)',
    builtIn: true,
    params: { model: 'sora-2-preview', duration: 4, aspect: 'landscape', resolution: 'standard' },
    style: '',
  },
  {
    id: 'builtin:product',
    name: 'Product shot',
    builtIn: true,
    params: { model: 'sora-2-pro-preview', duration: 4, aspect: 'landscape', resolution: 'standard' },
    style: 'Studio product shot on a clean background, soft key light, slow turntable rotation.',
  },
];

/** The prompt with a preset's style appended, unless it is already there. */
export function withStyle(prompt: string, style: string): string {
  const trimmedStyle = style.trim();
  if (!trimmedStyle || prompt.includes(trimmedStyle)) return prompt;
  const base = prompt.trimEnd();
  return base ? `${base}${/[.!?]$/.test(base) ? '' : '.'} ${trimmedStyle}` : trimmedStyle;
}
