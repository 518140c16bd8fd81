// eslint-disable-next-line no-restricted-syntax -- node:sqlite opens synchronously; its folder and file are checked once, as the store opens
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { CatalogQuery, CatalogRow, FileState } from './catalog-row';
import { CATALOG_SCHEMA, CATALOG_VERSION } from './catalog-sql';
import { toFtsQuery } from './fts-query';
import { inTransaction } from './sqlite-transaction';

/** The library catalog: a `node:sqlite` cache of the sidecars with full-text search. */
export interface Catalog {
  fileStates(): Map<string, FileState>;
  upsert(row: CatalogRow): void;
  removeByPath(videoPath: string): void;
  get(id: string): CatalogRow | null;
  findByJobId(jobId: string): CatalogRow | null;
  list(query: CatalogQuery): { rows: CatalogRow[]; total: number };
  setPoster(id: string, present: boolean): void;
  /** Sets the poster flags of all items at once, from the poster files that exist. */
  syncPosters(present: ReadonlySet<string>): void;
  withoutPoster(limit: number): string[];
  replaceProblems(problems: readonly { path: string; message: string }[]): void;
  problems(): { path: string; message: string }[];
  transaction<T>(work: () => T): T;
  clear(): void;
  count(): number;
  close(): void;
}

type Row = Record<string, SQLInputValue>;

const SORTS: Readonly<Record<Exclude<CatalogQuery['sort'], 'relevance'>, string>> = {
  newest: 'items.created_at DESC, items.rowid DESC',
  oldest: 'items.created_at ASC, items.rowid ASC',
  duration: 'items.duration IS NULL, items.duration DESC, items.created_at DESC',
  title: 'items.title COLLATE NOCASE ASC, items.created_at DESC',
};
// Title matches matter most, then the prompt, then tags, then notes.
const WEIGHTS = [10, 5, 3, 1] as const;
const SCORE = `bm25(items_fts, ${WEIGHTS.map((weight) => weight.toFixed(1)).join(', ')})`;
const RELEVANCE = `${SCORE}, items.created_at DESC`;

function fromRow(row: Row): CatalogRow {
  return {
    id: String(row['id']),
    videoPath: String(row['video_path']),
    sidecarPath: String(row['sidecar_path']),
    videoSize: Number(row['video_size']),
    videoMtime: Number(row['video_mtime']),
    sidecarMtime: Number(row['sidecar_mtime']),
    title: String(row['title']),
    prompt: row['prompt'] === null ? null : String(row['prompt']),
    model: row['model'] === null ? null : String(row['model']),
    aspect: row['aspect'] === null ? null : String(row['aspect']),
    resolution: row['resolution'] === null ? null : String(row['resolution']),
    duration: row['duration'] === null ? null : Number(row['duration']),
    createdAt: String(row['created_at']),
    completedAt: row['completed_at'] === null ? null : String(row['completed_at']),
    favorite: Number(row['favorite']) === 1,
    rating: row['rating'] === null ? null : Number(row['rating']),
    tags: JSON.parse(String(row['tags'])) as string[],
    notes: String(row['notes']),
    referencePath: row['reference_path'] === null ? null : String(row['reference_path']),
    taskId: row['task_id'] === null ? null : String(row['task_id']),
    jobId: row['job_id'] === null ? null : String(row['job_id']),
    draftId: row['draft_id'] === null ? null : String(row['draft_id']),
    draftVersionId: row['draft_version_id'] === null ? null : String(row['draft_version_id']),
    hasPoster: Number(row['has_poster']) === 1,
  };
}

/** Opens (creating or rebuilding as needed) the catalog file. WAL: readers never wait for the reconcile writer. */
export function openCatalog(file: string): Catalog {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;',
  );
  const version = (() => {
    try {
      return Number(
        (db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as Row | undefined)?.['value'] ?? 0,
      );
    } catch {
      return 0;
    }
  })();
  if (version !== CATALOG_VERSION && version !== 0) {
    // A catalog from another version is only a cache: drop it and let reconcile rebuild it from the sidecars.
    db.exec(
      'DROP TABLE IF EXISTS items_fts; DROP TABLE IF EXISTS item_tags; DROP TABLE IF EXISTS items; DROP TABLE IF EXISTS problems; DROP TABLE IF EXISTS meta;',
    );
  }
  db.exec(CATALOG_SCHEMA);
  db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('version', ?)").run(String(CATALOG_VERSION));

  const statements = new Map<string, StatementSync>();
  const statement = (sql: string): StatementSync => {
    let prepared = statements.get(sql);
    if (!prepared) {
      prepared = db.prepare(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  };

  const transaction = <T>(work: () => T): T => inTransaction(db, work);

  function upsert(row: CatalogRow): void {
    // A row may have moved (new path, same id) or been replaced (same path, new id): clear both first.
    statement('DELETE FROM items WHERE id = ? OR video_path = ?').run(row.id, row.videoPath);
    const { lastInsertRowid } = statement(
      `INSERT INTO items (id, video_path, sidecar_path, video_size, video_mtime, sidecar_mtime, title, prompt, model, aspect,
        resolution, duration, created_at, completed_at, favorite, rating, tags, notes, reference_path, task_id, job_id,
        draft_id, draft_version_id, has_poster)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.id,
      row.videoPath,
      row.sidecarPath,
      row.videoSize,
      row.videoMtime,
      row.sidecarMtime,
      row.title,
      row.prompt,
      row.model,
      row.aspect,
      row.resolution,
      row.duration,
      row.createdAt,
      row.completedAt,
      row.favorite ? 1 : 0,
      row.rating,
      JSON.stringify(row.tags),
      row.notes,
      row.referencePath,
      row.taskId,
      row.jobId,
      row.draftId,
      row.draftVersionId,
      row.hasPoster ? 1 : 0,
    );
    const addTag = statement('INSERT INTO item_tags (item_rowid, tag) VALUES (?, ?)');
    for (const tag of new Set(row.tags)) addTag.run(lastInsertRowid, tag);
  }

  function list(query: CatalogQuery): { rows: CatalogRow[]; total: number } {
    const where: string[] = [];
    const params: SQLInputValue[] = [];
    const add = (clause: string, ...values: SQLInputValue[]) => {
      where.push(clause);
      params.push(...values);
    };
    const fts = query.search ? toFtsQuery(query.search) : null;
    if (fts) add('items_fts MATCH ?', fts);
    if (query.model) add('items.model = ?', query.model);
    if (query.aspect) add('items.aspect = ?', query.aspect);
    if (query.favorites) add('items.favorite = 1');
    if (query.tag) add('EXISTS (SELECT 1 FROM item_tags t WHERE t.item_rowid = items.rowid AND t.tag = ?)', query.tag);
    if (query.from) add('items.created_at >= ?', new Date(query.from).toISOString());
    if (query.to) add('items.created_at <= ?', new Date(query.to).toISOString());
    // The common search (relevance, nothing else): FTS5 ranks inside its own index and only the page's rows are
    // joined to their items, instead of every match (at 100,000 items a word can match a third of them).
    if (fts && where.length === 1 && query.sort === 'relevance') {
      const rows = statement(
        `SELECT items.* FROM (SELECT rowid AS hit, ${SCORE} AS score FROM items_fts WHERE items_fts MATCH ?
           ORDER BY score, rowid DESC LIMIT ? OFFSET ?) AS hits JOIN items ON items.rowid = hits.hit
         ORDER BY hits.score, hits.hit DESC`,
      )
        .all(fts, query.limit, query.offset)
        .map((row) => fromRow(row as Row));
      const total = Number(
        (statement('SELECT count(*) AS n FROM items_fts WHERE items_fts MATCH ?').get(fts) as Row)['n'],
      );
      return { rows, total };
    }
    const from = fts ? 'items JOIN items_fts ON items_fts.rowid = items.rowid' : 'items';
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const order = query.sort === 'relevance' ? (fts ? RELEVANCE : SORTS.newest) : SORTS[query.sort];
    const rows = statement(`SELECT items.* FROM ${from} ${filter} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...params, query.limit, query.offset)
      .map((row) => fromRow(row as Row));
    const total = Number((statement(`SELECT count(*) AS n FROM ${from} ${filter}`).get(...params) as Row)['n']);
    return { rows, total };
  }

  return {
    fileStates() {
      const states = new Map<string, FileState>();
      for (const row of statement(
        'SELECT id, video_path, video_size, video_mtime, sidecar_mtime FROM items',
      ).all() as Row[]) {
        states.set(String(row['video_path']), {
          id: String(row['id']),
          videoSize: Number(row['video_size']),
          videoMtime: Number(row['video_mtime']),
          sidecarMtime: Number(row['sidecar_mtime']),
        });
      }
      return states;
    },
    upsert,
    removeByPath: (videoPath) => void statement('DELETE FROM items WHERE video_path = ?').run(videoPath),
    get(id) {
      const row = statement('SELECT * FROM items WHERE id = ?').get(id) as Row | undefined;
      return row ? fromRow(row) : null;
    },
    findByJobId(jobId) {
      const row = statement('SELECT * FROM items WHERE job_id = ? LIMIT 1').get(jobId) as Row | undefined;
      return row ? fromRow(row) : null;
    },
    list,
    setPoster: (id, present) => void statement('UPDATE items SET has_poster = ? WHERE id = ?').run(present ? 1 : 0, id),
    syncPosters(present) {
      transaction(() => {
        for (const row of statement('SELECT id, has_poster FROM items').all() as Row[]) {
          const id = String(row['id']);
          const flagged = Number(row['has_poster']) === 1;
          if (flagged !== present.has(id))
            statement('UPDATE items SET has_poster = ? WHERE id = ?').run(present.has(id) ? 1 : 0, id);
        }
      });
    },
    withoutPoster: (limit) =>
      (statement('SELECT id FROM items WHERE has_poster = 0 ORDER BY created_at DESC LIMIT ?').all(limit) as Row[]).map(
        (row) => String(row['id']),
      ),
    replaceProblems(problems) {
      transaction(() => {
        statement('DELETE FROM problems').run();
        const add = statement('INSERT OR REPLACE INTO problems (path, message) VALUES (?, ?)');
        for (const problem of problems) add.run(problem.path, problem.message);
      });
    },
    problems: () =>
      (statement('SELECT path, message FROM problems ORDER BY path').all() as Row[]).map((row) => ({
        path: String(row['path']),
        message: String(row['message']),
      })),
    transaction,
    // Emptied by dropping the full-text index and its triggers and making them anew: deleting row by row through the
    // triggers leaves one tombstone per item in the index, and refilling it then crawls (12× the first index at
    // 100,000 items).
    clear: () =>
      inTransaction(db, () => {
        db.exec(
          'DROP TRIGGER IF EXISTS items_fts_insert; DROP TRIGGER IF EXISTS items_fts_delete; DROP TRIGGER IF EXISTS items_fts_update; ' +
            'DROP TABLE IF EXISTS items_fts; DELETE FROM item_tags; DELETE FROM items; DELETE FROM problems;',
        );
        db.exec(CATALOG_SCHEMA);
      }),
    count: () => Number((statement('SELECT count(*) AS n FROM items').get() as Row)['n']),
    close: () => {
      if (db.isOpen) db.close();
    },
  };
}
