/** A page of ranked matches: item rowids best first, and how many items match in all. */
export interface RankedPage {
  readonly rowids: readonly number[];
  readonly total: number;
}

/** The catalog's full-text index held in memory, answering the common search (every word a prefix, all required). */
export interface SearchIndex {
  /**
   * Ranks the items in which every one of `prefixes` begins a token (in any column) by FTS5's bm25 with `weights`
   * per column, best first, ties newest rowid first: the order `ORDER BY bm25(…), rowid DESC` gives.
   */
  rank(prefixes: readonly string[], weights: readonly number[], limit: number, offset: number): RankedPage;
}

/** Fills a SearchIndex from FTS5's token instances, which come grouped by term. */
export interface SearchIndexBuilder {
  add(term: string, rowid: number, column: number): void;
  /** `rows` and `tokens`: FTS5's own totals (its averages record), which bm25 divides by. Weights must be above 0. */
  finish(totals: { readonly rows: number; readonly tokens: number }): SearchIndex;
}

/** Columns a posting can name: two bits of it. */
const COLUMN_BITS = 2;
const K1 = 1.2;
const B = 0.75;

/** Starts an index of FTS5's tokens (up to four columns), as `fts5vocab(…, 'instance')` lists them. */
export function createSearchIndexBuilder(): SearchIndexBuilder {
  const slotOf = new Map<number, number>();
  const rowidOfSlot: number[] = [];
  const lengthOfSlot: number[] = [];
  const terms: string[] = [];
  const postings: Int32Array[] = [];
  let currentTerm: string | null = null;
  let current: number[] = [];

  const closeTerm = () => {
    if (currentTerm !== null) {
      terms.push(currentTerm);
      postings.push(Int32Array.from(current));
    }
    current = [];
  };

  return {
    add(term, rowid, column) {
      if (term !== currentTerm) {
        closeTerm();
        currentTerm = term;
      }
      let slot = slotOf.get(rowid);
      if (slot === undefined) {
        slot = rowidOfSlot.length;
        slotOf.set(rowid, slot);
        rowidOfSlot.push(rowid);
        lengthOfSlot.push(0);
      }
      lengthOfSlot[slot] = (lengthOfSlot[slot] ?? 0) + 1;
      current.push((slot << COLUMN_BITS) | column);
    },
    finish(totals) {
      closeTerm();
      // FTS5 sorts terms by their UTF-8 bytes; a prefix's terms are found here by binary search in JS string order.
      const order = terms.map((_, index) => index).sort((a, b) => compare(terms[a] ?? '', terms[b] ?? ''));
      return createSearchIndex(
        order.map((index) => terms[index] ?? ''),
        order.map((index) => postings[index] ?? new Int32Array()),
        Float64Array.from(rowidOfSlot),
        Int32Array.from(lengthOfSlot),
        totals,
      );
    },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first index in the sorted `terms` whose term is not below `value`. */
function lowerBound(terms: readonly string[], value: string): number {
  let low = 0;
  let high = terms.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((terms[middle] ?? '') < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function createSearchIndex(
  terms: readonly string[],
  postings: readonly Int32Array[],
  rowidOfSlot: Float64Array,
  lengthOfSlot: Int32Array,
  totals: { readonly rows: number; readonly tokens: number },
): SearchIndex {
  const slots = rowidOfSlot.length;
  const averageLength = totals.tokens / totals.rows;
  // Scratch reused by every query (fresh memory is paid for page by page): per phrase, each item's weighted
  // frequency and the items it touched, cleared through those lists afterwards.
  const frequencies: Float64Array[] = [];
  const touchedLists: Int32Array[] = [];
  const columnMask = (1 << COLUMN_BITS) - 1;
  let matchScores: Float64Array | null = null;
  let matchRowids: Float64Array | null = null;

  /** Sums the column weights of every token beginning with `prefix` into `into`; answers how many items it touched. */
  function accumulate(prefix: string, weightOf: Float64Array, into: Float64Array, touched: Int32Array): number {
    let count = 0;
    for (let term = lowerBound(terms, prefix); term < terms.length; term++) {
      if (!(terms[term] ?? '').startsWith(prefix)) break;
      const list = postings[term] ?? new Int32Array();
      for (let at = 0; at < list.length; at++) {
        const entry = list[at] as number;
        const slot = entry >>> COLUMN_BITS;
        if (into[slot] === 0) touched[count++] = slot;
        into[slot] = (into[slot] as number) + (weightOf[entry & columnMask] as number);
      }
    }
    return count;
  }

  return {
    rank(prefixes, weights, limit, offset) {
      const weightOf = Float64Array.from({ length: columnMask + 1 }, (_, column) => weights[column] ?? 1);
      const phrases = prefixes.length;
      const into = prefixes.map((_, phrase) => (frequencies[phrase] ??= new Float64Array(slots)));
      const touched = prefixes.map((_, phrase) => (touchedLists[phrase] ??= new Int32Array(slots)));
      const hits = prefixes.map((prefix, phrase) =>
        accumulate(prefix, weightOf, into[phrase] as Float64Array, touched[phrase] as Int32Array),
      );
      try {
        // bm25 as FTS5 computes it (fts5_aux.c): the same operations in the same order, so the same doubles.
        const idf = Float64Array.from(hits, (count) => {
          const value = Math.log((totals.rows - count + 0.5) / (count + 0.5));
          return value <= 0 ? 1e-6 : value;
        });
        const scores = (matchScores ??= new Float64Array(slots));
        const rowids = (matchRowids ??= new Float64Array(slots));
        let total = 0;
        const first = touched[0] as Int32Array;
        for (let at = 0; at < (hits[0] ?? 0); at++) {
          const slot = first[at] as number;
          let inAll = true;
          for (let phrase = 1; phrase < phrases && inAll; phrase++) inAll = (into[phrase] as Float64Array)[slot] !== 0;
          if (!inAll) continue;
          const length = lengthOfSlot[slot] as number;
          let score = 0;
          for (let phrase = 0; phrase < phrases; phrase++) {
            const frequency = (into[phrase] as Float64Array)[slot] as number;
            score +=
              (idf[phrase] as number) *
              ((frequency * (K1 + 1.0)) / (frequency + K1 * (1 - B + (B * length) / averageLength)));
          }
          scores[total] = -1.0 * score;
          rowids[total] = rowidOfSlot[slot] as number;
          total += 1;
        }
        return { rowids: pageOf(scores, rowids, total, offset, limit), total };
      } finally {
        for (let phrase = 0; phrase < phrases; phrase++) {
          const frequency = into[phrase] as Float64Array;
          const list = touched[phrase] as Int32Array;
          for (let at = 0; at < (hits[phrase] ?? 0); at++) frequency[list[at] as number] = 0;
        }
      }
    },
  };
}

interface Match {
  readonly score: number;
  readonly rowid: number;
}

/** Whether `a` comes before `b`: the lower score, then the higher rowid. */
function before(score: number, rowid: number, b: Match): boolean {
  return score < b.score || (score === b.score && rowid > b.rowid);
}

/** The rowids of matches `offset` to `offset + limit` in order: kept in a short list for early pages, else sorted. */
function pageOf(scores: Float64Array, rowids: Float64Array, count: number, offset: number, limit: number): number[] {
  const wanted = offset + limit;
  if (wanted <= 1_000) {
    const best: Match[] = [];
    for (let at = 0; at < count; at++) keepBest(best, scores[at] as number, rowids[at] as number, wanted);
    return best.slice(offset).map((match) => match.rowid);
  }
  const order = Array.from({ length: count }, (_, at) => at).sort((a, b) =>
    before(scores[a] as number, rowids[a] as number, { score: scores[b] as number, rowid: rowids[b] as number })
      ? -1
      : 1,
  );
  return order.slice(offset, wanted).map((at) => rowids[at] as number);
}

/** Keeps `best` the `wanted` best matches in order. */
function keepBest(best: Match[], score: number, rowid: number, wanted: number): void {
  const last = best[best.length - 1];
  if (best.length >= wanted && last && !before(score, rowid, last)) return;
  let low = 0;
  let high = best.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(score, rowid, best[middle] as Match)) high = middle;
    else low = middle + 1;
  }
  best.splice(low, 0, { score, rowid });
  if (best.length > wanted) best.pop();
}
