import { closest, distance } from 'fastest-levenshtein';

/**
 * " Did you mean X?" when one of `candidates` is a likely typo of `typed` (`--promt` → `--prompt`, `kling-3` →
 * `kling-v3`), else nothing: a guess far from what was typed is noise.
 */
export function didYouMean(typed: string, candidates: readonly string[]): string {
  if (candidates.length === 0 || typed === '') return '';
  const best = closest(
    typed.toLowerCase(),
    candidates.map((candidate) => candidate.toLowerCase()),
  );
  const match = candidates.find((candidate) => candidate.toLowerCase() === best) ?? best;
  const allowed = Math.max(1, Math.min(3, Math.floor(match.length / 3)));
  return distance(typed.toLowerCase(), best) <= allowed ? ` Did you mean ${match}?` : '';
}
