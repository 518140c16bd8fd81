// eslint-disable-next-line no-restricted-syntax -- node:sqlite opens synchronously; its folder and file are checked once, as the store opens
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { storyboardSchema, type Storyboard } from '../../../shared/boards/board-models';
import { inTransaction } from './sqlite-transaction';

/** Durable storage of storyboards, beside the drafts (in drafts.sqlite): one record per board, shots inside it. */
export interface BoardStore {
  save(board: Storyboard): void;
  get(id: string): Storyboard | null;
  list(options: { deleted: boolean }): Storyboard[];
  delete(id: string): void;
  transaction<T>(work: () => T): T;
  close(): void;
}

type Row = Record<string, SQLInputValue>;

/** Opens (or creates) the storyboards table in the drafts database; every save is a synced transaction. */
export function openBoardStore(file: string): BoardStore {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
  db.exec(`
    CREATE TABLE IF NOT EXISTS storyboards (id TEXT PRIMARY KEY, updated_at TEXT NOT NULL, deleted_at TEXT, record TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS quarantine (source TEXT NOT NULL, id TEXT NOT NULL, record TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (source, id));
  `);
  const transaction = <T>(work: () => T): T => inTransaction(db, work);
  /** A record that does not parse is set aside in the quarantine table (kept, never deleted) and skipped. */
  const parse = (row: Row | undefined): Storyboard | null => {
    if (!row) return null;
    const text = String(row['record']);
    try {
      return storyboardSchema.parse(JSON.parse(text));
    } catch (error) {
      transaction(() => {
        db.prepare('INSERT OR REPLACE INTO quarantine (source, id, record, reason, at) VALUES (?, ?, ?, ?, ?)').run(
          'storyboards',
          String(row['id']),
          text,
          error instanceof Error ? error.message.slice(0, 2_000) : String(error),
          new Date().toISOString(),
        );
        db.prepare('DELETE FROM storyboards WHERE id = ?').run(String(row['id']));
      });
      return null;
    }
  };
  const upsert = db.prepare(
    'INSERT OR REPLACE INTO storyboards (id, updated_at, deleted_at, record) VALUES (?, ?, ?, ?)',
  );
  return {
    save: (board) => void upsert.run(board.id, board.updatedAt, board.deletedAt, JSON.stringify(board)),
    get: (id) => parse(db.prepare('SELECT id, record FROM storyboards WHERE id = ?').get(id) as Row | undefined),
    list: ({ deleted }) =>
      (
        db
          .prepare(
            `SELECT id, record FROM storyboards WHERE ${deleted ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'} ORDER BY updated_at DESC`,
          )
          .all() as Row[]
      )
        .map(parse)
        .filter((board): board is Storyboard => board !== null),
    delete: (id) => void db.prepare('DELETE FROM storyboards WHERE id = ?').run(id),
    transaction,
    close: () => {
      if (db.isOpen) db.close();
    },
  };
}
