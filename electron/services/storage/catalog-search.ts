import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { FTS_COLUMNS, FTS_TOKENIZER } from './catalog-sql';
import { createSearchIndexBuilder, type RankedPage, type SearchIndex } from './search-index';

/** The catalog's plain relevance search answered from memory once its index is built and current. */
export interface CatalogSearch {
  /** The page, or null when FTS5 must answer: no current index yet (one starts building) or a word not one token. */
  rank(words: readonly string[], limit: number, offset: number): RankedPage | null;
  /** Builds the index behind the window, a few milliseconds at a time, unless it is current. */
  warm(): Promise<void>;
  /** The items changed on this connection: the index no longer answers, and a build under way stops. */
  invalidate(): void;
  /** Rows are about to be re-indexed with the same tokens: the index still answers, a build under way stops. */
  stopBuild(): void;
}

type Row = Record<string, SQLInputValue>;
/** How long one slice of a build may hold the thread before letting it turn. */
const SLICE_MS = 8;

/** SQLite's varint (FTS5 stores its totals with it): seven bits a byte, high bit set while more follow; a 9th takes 8. */
function readVarints(bytes: Uint8Array): number[] {
  const values: number[] = [];
  for (let at = 0; at < bytes.length;) {
    let value = 0;
    for (let index = 0; ; index++) {
      const byte = bytes[at++] ?? 0;
      if (index === 8) {
        value = value * 256 + byte;
        break;
      }
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) break;
    }
    values.push(value);
  }
  return values;
}

/**
 * Holds the full-text index of `items_fts` in memory for the one search everyone makes (words typed, best match
 * first): FTS5 spends about a microsecond per matching item on bm25, 35 ms when a third of 100,000 items match;
 * the same arithmetic over arrays takes a few. Tokens come from FTS5 itself (its `fts5vocab` table for the items, a
 * scratch FTS5 table with the same tokenizer for the words typed), so both find the same items; the index answers
 * only while nothing has changed since it was built (on this connection, or by another process: `data_version`).
 */
export function createCatalogSearch(db: DatabaseSync, weights: readonly number[]): CatalogSearch {
  db.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_words USING fts5(word, tokenize='${FTS_TOKENIZER}');
     CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_words_tokens USING fts5vocab(temp, search_words, instance);`,
  );
  const dataVersion = db.prepare('PRAGMA data_version');
  const clearWords = db.prepare('DELETE FROM temp.search_words');
  const addWord = db.prepare('INSERT INTO temp.search_words (rowid, word) VALUES (?, ?)');
  const wordTokens = db.prepare('SELECT doc, term FROM temp.search_words_tokens');
  const version = () => `${localVersion}:${String((dataVersion.get() as Row)['data_version'])}`;

  let localVersion = 0;
  let index: { readonly at: string; readonly search: SearchIndex } | null = null;
  let building: { readonly stop: () => void; readonly done: Promise<void> } | null = null;

  /** The token each word is, or null when one is not exactly one token (FTS5 then matches it as a phrase). */
  function prefixesOf(words: readonly string[]): string[] | null {
    clearWords.run();
    words.forEach((word, at) => addWord.run(at, word));
    const tokens = words.map((): string[] => []);
    for (const row of wordTokens.all() as Row[]) tokens[Number(row['doc'])]?.push(String(row['term']));
    clearWords.run();
    return tokens.every((found) => found.length === 1) ? tokens.map((found) => found[0] ?? '') : null;
  }

  /** Reads every token instance of `items_fts` into an index, in slices; gives up if anything is written meanwhile. */
  async function build(rows: IterableIterator<Row | SQLInputValue[]>, stopped: () => boolean): Promise<void> {
    const at = version();
    const builder = createSearchIndexBuilder();
    await nextTurn(); // not within the search that found the index missing
    for (let sliceStart = performance.now(); ; sliceStart = performance.now()) {
      for (let row = rows.next(); ; row = rows.next()) {
        if (stopped()) return;
        if (row.done) {
          const block = (db.prepare('SELECT block FROM items_fts_data WHERE id = 1').get() as Row | undefined)?.[
            'block'
          ];
          const [rowCount = 0, ...columnTokens] = block instanceof Uint8Array ? readVarints(block) : [];
          if (version() !== at) return; // written to while it was read: built on a later search
          const tokens = columnTokens.reduce((sum, count) => sum + count, 0);
          index = { at, search: builder.finish({ rows: rowCount, tokens }) };
          return;
        }
        const [term, doc, col] = Array.isArray(row.value)
          ? row.value
          : [row.value['term'], row.value['doc'], row.value['col']];
        const column = (FTS_COLUMNS as readonly string[]).indexOf(String(col));
        if (column < 0) throw new Error(`the full-text index has a column this build does not know: ${String(col)}`);
        builder.add(String(term), Number(doc), column);
        if (performance.now() - sliceStart > SLICE_MS) break;
      }
      await nextTurn();
    }
  }

  /** Starts reading the tokens, or null when the catalog cannot be read (closed, or its index gone). */
  function openTokens(): IterableIterator<Row | SQLInputValue[]> | null {
    try {
      db.exec(
        'DROP TABLE IF EXISTS temp.items_tokens; CREATE VIRTUAL TABLE temp.items_tokens USING fts5vocab(main, items_fts, instance);',
      );
      const tokens = db.prepare('SELECT term, doc, col FROM temp.items_tokens');
      // Rows as arrays where node:sqlite offers it (Node 24; Electron 45's Node 22 may not): less to allocate.
      if (typeof tokens.setReturnArrays === 'function') tokens.setReturnArrays(true);
      return tokens.iterate() as IterableIterator<Row | SQLInputValue[]>;
    } catch {
      return null;
    }
  }

  function warm(): Promise<void> {
    if (building) return building.done;
    const rows = db.isOpen && index?.at !== version() ? openTokens() : null;
    if (!rows) return Promise.resolve();
    let stopped = false;
    // Stopping resets the statement at once: a write that follows (dropping the index, say) must not find it reading.
    const release = () => {
      if (stopped) return;
      stopped = true;
      try {
        rows.return?.();
      } catch {
        // the catalog was closed first, which finalized the statement
      }
    };
    const stop = () => {
      release();
      if (building?.stop === stop) building = null;
    };
    const done: Promise<void> = build(rows, () => stopped)
      .catch(() => undefined) // the catalog closed or changed under it: FTS5 keeps answering
      .finally(() => {
        release();
        if (building?.done === done) building = null;
      });
    building = { stop, done };
    return done;
  }

  return {
    rank(words, limit, offset) {
      if (!index || index.at !== version()) {
        void warm();
        return null;
      }
      const prefixes = prefixesOf(words);
      return prefixes ? index.search.rank(prefixes, weights, limit, offset) : null;
    },
    warm,
    invalidate() {
      localVersion += 1;
      index = null;
      building?.stop();
    },
    stopBuild() {
      building?.stop();
    },
  };
}
