import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCatalog, type Catalog } from '../../../electron/services/storage/catalog-db';
import type { CatalogRow } from '../../../electron/services/storage/catalog-row';

// Search is FTS5's own: its bm25() ranks, weighted title > prompt > tags > notes. These tests check what a person
// searching sees, against an independent reading of the same rows.
const WORDS = ['fox', 'foxes', 'Foxglove', 'night', 'nightfall', 'snow', 'snowy', 'city', 'over', 'the', 'slow', 'pan'];

function row(index: number, fields: Partial<CatalogRow> = {}): CatalogRow {
  const pick = (salt: number, count: number) =>
    Array.from({ length: count }, (_, word) => WORDS[(index * salt + word * 7 + word * word) % WORDS.length]).join(' ');
  return {
    id: `item-${index}`,
    videoPath: `clip-${index}.mp4`,
    sidecarPath: `clip-${index}.reelbench.json`,
    videoSize: 1,
    videoMtime: 1,
    sidecarMtime: 1,
    title: index % 5 === 0 ? '' : `Clip ${index} ${pick(3, 1 + (index % 3))}`,
    prompt: index % 7 === 0 ? null : pick(11, 4 + (index % 9)),
    model: null,
    aspect: null,
    resolution: null,
    duration: null,
    createdAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
    completedAt: null,
    favorite: false,
    rating: null,
    tags: index % 4 === 0 ? [pick(5, 1), 'b-roll'] : [],
    notes: index % 3 === 0 ? pick(13, 2) : '',
    referencePath: null,
    taskId: null,
    jobId: null,
    draftId: null,
    draftVersionId: null,
    hasPoster: false,
    ...fields,
  };
}

let dir: string;
let file: string;
let catalog: Catalog;
const rows = Array.from({ length: 1_500 }, (_, index) => row(index));
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-catalog-search-'));
  file = path.join(dir, 'catalog.sqlite');
  catalog = openCatalog(file);
  catalog.transaction(() => {
    for (const each of rows) catalog.upsert(each);
  });
});
afterEach(async () => {
  catalog.close();
  await rm(dir, { recursive: true, force: true });
});

const search = (text: string, limit = 60, offset = 0) =>
  catalog.list({ search: text, sort: 'relevance', limit, offset });
const idsOf = (text: string) => search(text).rows.map((found) => found.id);

/** The items in which every typed word begins a word of the title, prompt, tags or notes (ASCII words only). */
function expectedMatches(text: string): Set<string> {
  const typed = text.toLowerCase().split(/\s+/).filter(Boolean);
  return new Set(
    rows
      .filter((each) => {
        const words = [each.title, each.prompt ?? '', each.tags.join(' '), each.notes]
          .join(' ')
          .toLowerCase()
          .split(/[^a-z0-9]+/);
        return typed.every((prefix) => words.some((word) => word.startsWith(prefix)));
      })
      .map((each) => each.id),
  );
}

describe('library search', () => {
  it('finds exactly the items where every word begins a word, whatever the case, on every page', () => {
    for (const text of [
      'fox',
      'fox night',
      'night fox',
      'FOX',
      'f',
      'fo',
      'snow city',
      'clip 14',
      'b',
      'roll',
      'zzz',
    ]) {
      const expected = expectedMatches(text);
      const all = search(text, 500);
      expect(all.total, text).toBe(expected.size);
      const paged = [...search(text, 60, 0).rows, ...search(text, 60, 60).rows].map((found) => found.id);
      expect(paged, text).toEqual(search(text, 120).rows.map((found) => found.id));
      for (const found of all.rows) expect(expected.has(found.id), `${text}: ${found.id}`).toBe(true);
    }
  });

  it('ranks a title match above a prompt, tag or note match, and the newest first among equals', () => {
    catalog.transaction(() => {
      catalog.upsert(row(9_001, { title: 'x', prompt: 'a heron', tags: [], notes: '' }));
      catalog.upsert(row(9_002, { title: 'x', prompt: null, tags: [], notes: 'a heron' }));
      catalog.upsert(row(9_003, { title: 'A heron', prompt: null, tags: [], notes: '' }));
      catalog.upsert(row(9_004, { title: 'x', prompt: null, tags: ['heron'], notes: '' }));
      catalog.upsert(row(9_005, { title: 'x', prompt: 'a heron', tags: [], notes: '' }));
    });
    expect(idsOf('heron')).toEqual(['item-9003', 'item-9005', 'item-9001', 'item-9004', 'item-9002']);
  });

  it('takes what is typed as words, never as FTS5 syntax, and accents as their letters', () => {
    catalog.upsert(row(9_100, { title: 'Crème brûlée at the café' }));
    for (const text of ['creme', 'CAFÉ', 'cafe brulee', '"café"', '(café)', 'brûlée -the', 'café*'])
      expect(idsOf(text), text).toEqual(['item-9100']);
    expect(search('""').total).toBe(catalog.count());
  });

  it('sees writes at once, here and by another process, and nothing after the catalog is emptied', () => {
    catalog.upsert(row(5_000, { title: 'Quokka at night' }));
    expect(idsOf('quokka')).toEqual(['item-5000']);
    const other = openCatalog(file);
    other.upsert(row(5_001, { title: 'Wombat in snow' }));
    other.removeByPath('clip-5000.mp4');
    other.close();
    expect(idsOf('wombat')).toEqual(['item-5001']);
    expect(idsOf('quokka')).toEqual([]);
    catalog.clear();
    expect(search('fox').total).toBe(0);
    catalog.upsert(row(1));
    expect(idsOf('clip 1').at(0)).toBe('item-1');
  });
});
