import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCatalog, type Catalog } from '../../../electron/services/storage/catalog-db';
import type { CatalogRow } from '../../../electron/services/storage/catalog-row';
import { createCatalogSearch } from '../../../electron/services/storage/catalog-search';
import { toFtsQuery } from '../../../electron/services/storage/fts-query';

// Words with repeats, accents, capitals, scripts without spaces between words and prefixes of one another.
const WORDS = [
  'fox',
  'foxes',
  'Foxglove',
  'night',
  'nightfall',
  'café',
  'CAFE',
  'Crème',
  'brûlée',
  'snow',
  'snowy',
  'city',
  '고양이',
  '겨울',
  'हिन्दी',
  'दृश्य',
  'Ünïcode',
  'naïve',
  'over',
  'the',
  'the',
  'a',
  'slow',
  'pan',
  'pan-and-tilt',
];
const WEIGHTS = [10, 5, 3, 1];

function row(index: number): CatalogRow {
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
    prompt: index % 7 === 0 ? null : pick(11, 4 + (index % 13)),
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
  };
}

let dir: string;
let catalog: Catalog;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-search-index-'));
  file = path.join(dir, 'catalog.sqlite');
  catalog = openCatalog(file);
  catalog.transaction(() => {
    for (let index = 0; index < 1_500; index += 1) catalog.upsert(row(index));
  });
});
afterEach(async () => {
  catalog.close();
  await rm(dir, { recursive: true, force: true });
});

/** What FTS5 itself answers: the catalog's relevance query, and the count. */
function fromFts5(reader: DatabaseSync, text: string, limit: number, offset: number) {
  const query = toFtsQuery(text);
  const ids = reader
    .prepare(
      `SELECT items.id FROM (SELECT rowid AS hit, bm25(items_fts, 10.0, 5.0, 3.0, 1.0) AS score FROM items_fts
       WHERE items_fts MATCH ? ORDER BY score, rowid DESC LIMIT ? OFFSET ?) AS hits JOIN items ON items.rowid = hits.hit
       ORDER BY hits.score, hits.hit DESC`,
    )
    .all(query, limit, offset)
    .map((found) => String(found['id']));
  const total = Number(reader.prepare('SELECT count(*) AS n FROM items_fts WHERE items_fts MATCH ?').get(query)?.['n']);
  return { ids, total };
}

const QUERIES = [
  'fox',
  'fox night',
  'night fox',
  'fox fox',
  'f',
  'fo',
  'FOX',
  'Fóx',
  'cafe',
  'CAFÉ',
  'creme brulee',
  'clip 1',
  'clip 14',
  '1',
  'the',
  'a the',
  '고양',
  '겨울 고양이',
  'हिन्दी',
  'naive unicode',
  'b',
  'roll',
  'nothing-here',
  'zzz',
  'snow city over slow pan',
];

describe('the in-memory search index', () => {
  it('never holds up a write: a read under way stops first, even after another process wrote', async () => {
    catalog.transaction(() => {
      for (let index = 1_500; index < 20_000; index += 1) catalog.upsert(row(index));
    });
    const reading = catalog.warmSearch();
    await setImmediate(); // the read is under way, holding its snapshot
    await setImmediate();
    const other = openCatalog(file);
    other.upsert({ ...row(30_000), title: 'Written elsewhere' });
    other.close();
    // Without stopping the read, this write fails: "database is locked" (its snapshot is no longer the newest).
    catalog.replaceProblems([{ path: 'broken.mp4', message: 'not a video' }]);
    expect(catalog.problems()).toEqual([{ path: 'broken.mp4', message: 'not a video' }]);
    await reading;
    await catalog.warmSearch();
    expect(catalog.list({ search: 'elsewhere', sort: 'relevance', limit: 60, offset: 0 }).total).toBe(1);
  });

  it('ranks exactly as FTS5 does: the same items, the same order, the same totals, on every page', async () => {
    const db = new DatabaseSync(file);
    const search = createCatalogSearch(db, WEIGHTS);
    await search.warm();
    const reader = new DatabaseSync(file, { readOnly: true });
    try {
      const leftToFts5 = new Set<string>();
      for (const text of QUERIES) {
        for (const [limit, offset] of [
          [60, 0],
          [60, 60],
          [25, 1_010],
        ] as const) {
          const words = text.split(' ');
          const ranked = search.rank(words, limit, offset);
          if (!ranked) {
            leftToFts5.add(text);
            continue;
          }
          const ids = ranked.rowids.map((rowid) =>
            String(db.prepare('SELECT id FROM items WHERE rowid = ?').get(rowid)?.['id']),
          );
          expect({ ids, total: ranked.total }, `"${text}" ${limit}@${offset}`).toEqual(
            fromFts5(reader, text, limit, offset),
          );
        }
      }
      // Only words FTS5 splits into several tokens (a phrase to it) are left to FTS5: marks split Hindi, hyphens words.
      expect([...leftToFts5]).toEqual(['हिन्दी', 'nothing-here']);
      expect(search.rank(['pan-and-tilt'], 60, 0)).toBeNull();
    } finally {
      reader.close();
      db.close();
    }
  });

  it('answers only while current: a write here or by another process hands searches back to FTS5 until rebuilt', async () => {
    const list = (text: string) => catalog.list({ search: text, sort: 'relevance', limit: 60, offset: 0 });
    const reader = new DatabaseSync(file, { readOnly: true });
    try {
      await catalog.warmSearch();
      const idsOf = (text: string) => list(text).rows.map((found) => found.id);
      expect(idsOf('fox night')).toEqual(fromFts5(reader, 'fox night', 60, 0).ids);
      expect(idsOf('हिन्दी')).toEqual(fromFts5(reader, 'हिन्दी', 60, 0).ids); // answered by FTS5

      // Written here: the new item is found at once (FTS5 answers), and again once the index is rebuilt.
      catalog.upsert({ ...row(5_000), title: 'Quokka at night' });
      expect(idsOf('quokka')).toEqual(['item-5000']);
      await catalog.warmSearch();
      expect(idsOf('quokka')).toEqual(['item-5000']);
      expect(idsOf('fox night')).toEqual(fromFts5(reader, 'fox night', 60, 0).ids);
      catalog.removeByPath('clip-1.mp4');
      expect(list(row(1).title).total).toBe(fromFts5(reader, row(1).title, 60, 0).total);
      await catalog.warmSearch();

      // Written by another connection (another Reelbench process): seen through data_version.
      const other = openCatalog(file);
      other.upsert({ ...row(5_001), title: 'Wombat in snow' });
      other.removeByPath('clip-5000.mp4');
      other.close();
      expect(idsOf('wombat')).toEqual(['item-5001']);
      expect(idsOf('quokka')).toEqual([]);
      await catalog.warmSearch();
      expect(idsOf('wombat')).toEqual(['item-5001']);
      expect(list('snow').total).toBe(fromFts5(reader, 'snow', 60, 0).total);

      // Emptied and refilled (a rebuild): never an answer from the old index.
      catalog.clear();
      expect(list('fox').total).toBe(0);
      catalog.upsert(row(1));
      await catalog.warmSearch();
      expect(list(row(1).title.split(' ')[2] ?? 'clip').rows.map((found) => found.id)).toEqual(['item-1']);
    } finally {
      reader.close();
    }
  });
});
