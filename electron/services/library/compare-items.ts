import { diffWordsWithSpace } from 'diff';
import type { PromptDiff } from '../../../shared/drafts/draft-models';
import type { LibraryComparison } from '../../../shared/library/library-models';
import type { LibraryService } from './library-service';

const shown = (value: unknown): string | null =>
  value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);

/**
 * Two to four videos side by side: each one's prompt as a word diff against the first one's, and the settings whose
 * values differ between them (the model, then every parameter any of them was made with).
 */
export async function compareItems(library: LibraryService, ids: readonly string[]): Promise<LibraryComparison> {
  const items = ids.map((id) => library.get(id));
  const settings = await Promise.all(items.map((item) => (item.prompt === null ? null : library.reuse(item.id))));
  const [first] = items;
  const base = first?.prompt ?? '';
  const prompts: PromptDiff[] = items.map((item) =>
    diffWordsWithSpace(base, item.prompt ?? '').map((part) => ({
      kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
      text: part.value,
    })),
  );
  const names = [...new Set(settings.flatMap((entry) => Object.keys(entry?.params ?? {})))].sort();
  const rows = [
    { name: 'model', values: items.map((item) => item.model) },
    ...names.map((name) => ({ name, values: settings.map((entry) => shown(entry?.params[name])) })),
  ];
  return { items, prompts, params: rows.filter((row) => new Set(row.values).size > 1) };
}
