import type { Preset } from '../../../shared/drafts/draft-models';

/** A few sensible starting points on models APIMart serves today; users add their own (and cannot edit or delete these). */
export const BUILT_IN_PRESETS: readonly Preset[] = [
  {
    id: 'builtin:cinematic',
    name: 'Cinematic widescreen',
    builtIn: true,
    params: { model: 'veo3.1-quality-official', duration: 8, aspect: '16:9', resolution: '1080p' },
    style: 'Cinematic lighting, shallow depth of field, smooth camera movement, film grain.',
  },
  {
    id: 'builtin:vertical-short',
    name: 'Vertical short',
    builtIn: true,
    params: { model: 'kling-v3', duration: 5, aspect: '9:16', resolution: 'std' },
    style: 'Vertical framing for phones, subject centred, bold and clear motion.',
  },
  {
    id: 'builtin:quick-draft',
    name: 'Quick draft (cheapest)',
    builtIn: true,
    params: { model: 'pixverse-v6', duration: 5, aspect: '16:9', resolution: '720p' },
    style: '',
  },
  {
    id: 'builtin:product',
    name: 'Product shot',
    builtIn: true,
    params: { model: 'wan2.6', duration: 5, aspect: '1:1', resolution: '1080p' },
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
