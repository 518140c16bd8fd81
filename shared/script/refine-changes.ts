import type { PromptDiff } from '../drafts/draft-models';

/** One change of a word diff: words removed and the words put in their place (either may be empty). */
export interface PromptChange {
  readonly removed: string;
  readonly added: string;
}

/** A diff as kept text and changes, in order: what the user accepts or rejects one by one. */
export type ChangeRun = { readonly kind: 'same'; readonly text: string } | ({ readonly kind: 'change' } & PromptChange);

/**
 * Groups a word diff's adjacent removals and additions into changes; two changes only a space apart are one change
 * ("A" → "Wide shot, slow push in: a" is one decision, not two).
 */
export function changesOf(diff: PromptDiff): ChangeRun[] {
  const merged: ChangeRun[] = [];
  for (const run of groupChanges(diff)) {
    const [before, gap] = [merged.at(-2), merged.at(-1)];
    if (run.kind === 'change' && before?.kind === 'change' && gap?.kind === 'same' && /^\s+$/.test(gap.text)) {
      merged.splice(-2, 2, {
        kind: 'change',
        removed: before.removed + gap.text + run.removed,
        added: before.added + gap.text + run.added,
      });
    } else merged.push(run);
  }
  return merged;
}

function groupChanges(diff: PromptDiff): ChangeRun[] {
  const runs: ChangeRun[] = [];
  for (const part of diff) {
    const last = runs.at(-1);
    if (part.kind === 'same') {
      runs.push({ kind: 'same', text: part.text });
    } else if (last?.kind === 'change') {
      runs[runs.length - 1] = {
        kind: 'change',
        removed: last.removed + (part.kind === 'removed' ? part.text : ''),
        added: last.added + (part.kind === 'added' ? part.text : ''),
      };
    } else {
      runs.push({
        kind: 'change',
        removed: part.kind === 'removed' ? part.text : '',
        added: part.kind === 'added' ? part.text : '',
      });
    }
  }
  return runs;
}

/** The prompt with the accepted changes applied (by their index among the changes) and the others left as they were. */
export function applyChanges(runs: readonly ChangeRun[], accepted: ReadonlySet<number>): string {
  let change = -1;
  return runs
    .map((run) => {
      if (run.kind === 'same') return run.text;
      change += 1;
      return accepted.has(change) ? run.added : run.removed;
    })
    .join('');
}
