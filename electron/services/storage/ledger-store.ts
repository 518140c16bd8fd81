// eslint-disable-next-line no-restricted-syntax -- node:sqlite opens synchronously; its folder and file are checked once, as the store opens
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { z } from 'zod';

/** One side of the usage ledger (chat tokens, spoken lines): one line per billed request, kept with the drafts. */
export interface LedgerStore<T extends { readonly at: string }> {
  record(entry: T): void;
  /** Every line at or after `from`, oldest first. */
  since(from: Date): T[];
  close(): void;
}

/** Opens (or creates) a ledger table in the drafts database; each line is checked against `schema` both ways. */
export function openLedgerStore<S extends z.ZodType<{ at: string }>>(
  file: string,
  table: 'chat_usage' | 'speech_usage',
  schema: S,
): LedgerStore<z.infer<S>> {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (at TEXT NOT NULL, record TEXT NOT NULL)`);
  db.exec(`CREATE INDEX IF NOT EXISTS ${table}_at ON ${table} (at)`);
  const insert = db.prepare(`INSERT INTO ${table} (at, record) VALUES (?, ?)`);
  const select = db.prepare(`SELECT record FROM ${table} WHERE at >= ? ORDER BY at`);
  return {
    record: (entry) => {
      const checked = schema.parse(entry);
      insert.run(checked.at, JSON.stringify(checked));
    },
    since: (from) =>
      (select.all(from.toISOString()) as { record: string }[]).flatMap((row) => {
        // A damaged line is left out of the sums rather than failing the whole ledger.
        const parsed = schema.safeParse(JSON.parse(row.record));
        return parsed.success ? [parsed.data] : [];
      }),
    close: () => {
      if (db.isOpen) db.close();
    },
  };
}
