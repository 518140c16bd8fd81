import type { Preset } from '../../../shared/drafts/draft-models';

/** A few sensible starting points on models APIMart serves today; users add their own (and cannot edit or delete these). */
export const BUILT_IN_PRESETS: readonly Preset[] = [
  {
    id: 'builtin:cinematic',
    name: 'Cinematic widescreen',
    builtIn: true,
    model: 'veo3.1-quality-official',
    params: { duration: 8, aspect_ratio: '16:9', resolution: '1080p' },
    style: 'Cinematic lighting, shallow depth of field, smooth camera movement, film grain.',
  },
  {
    id: 'builtin:vertical-short',
    name: 'Vertical short',
    builtIn: true,
    model: 'kling-v3',
    params: { duration: 5, aspect_ratio: '9:16', mode: 'std' },
    style: 'Vertical framing for phones, subject centred, bold and clear motion.',
  },
  {
    id: 'builtin:quick-draft',
    name: 'Quick draft (cheapest)',
    builtIn: true,
    model: 'pixverse-v6',
    params: { duration: 5, aspect_ratio: '16:9', quality: '720p' },
    style: '',
  },
  {
    id: 'builtin:product',
    name: 'Product shot',
    builtIn: true,
    model: 'wan2.6',
    params: { duration: 5, size: '1:1', resolution: '1080p' },
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
