// eslint-disable-next-line no-restricted-syntax -- node:sqlite opens synchronously; its folder and file are checked once, as the store opens
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { chatUsageEntrySchema, type ChatUsageEntry } from '../../../shared/script/chat-models';

/** The chat side of the usage ledger: one line per chat request, kept beside the drafts it helped write. */
export interface ChatUsageStore {
  record(entry: ChatUsageEntry): void;
  /** Every line at or after `from`, oldest first. */
  since(from: Date): ChatUsageEntry[];
  close(): void;
}

/** Opens (or creates) the `chat_usage` table in the drafts database. */
export function openChatUsageStore(file: string): ChatUsageStore {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
  db.exec('CREATE TABLE IF NOT EXISTS chat_usage (at TEXT NOT NULL, record TEXT NOT NULL)');
  db.exec('CREATE INDEX IF NOT EXISTS chat_usage_at ON chat_usage (at)');
  const insert = db.prepare('INSERT INTO chat_usage (at, record) VALUES (?, ?)');
  const select = db.prepare('SELECT record FROM chat_usage WHERE at >= ? ORDER BY at');
  return {
    record: (entry) => void insert.run(entry.at, JSON.stringify(chatUsageEntrySchema.parse(entry))),
    since: (from) =>
      (select.all(from.toISOString()) as { record: string }[]).flatMap((row) => {
        // A damaged line is left out of the sums rather than failing the whole ledger.
        const parsed = chatUsageEntrySchema.safeParse(JSON.parse(row.record));
        return parsed.success ? [parsed.data] : [];
      }),
    close: () => {
      if (db.isOpen) db.close();
    },
  };
}
