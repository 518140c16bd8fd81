// eslint-disable-next-line no-restricted-syntax -- node:sqlite opens synchronously; its folder and file are checked once, as the store opens
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { ZodError } from 'zod';
import {
  draftSchema,
  draftVersionSchema,
  presetSchema,
  type Draft,
  type DraftVersion,
  type Preset,
} from '../../../shared/drafts/draft-models';
import { toFtsQuery } from './fts-query';
import { inTransaction } from './sqlite-transaction';

/** Durable storage of drafts, their versions and the user's presets. */
export interface DraftStore {
  saveDraft(draft: Draft): void;
  getDraft(id: string): Draft | null;
  listDrafts(options: { search?: string | undefined; deleted: boolean }): Draft[];
  deleteDraft(id: string): void;
  saveVersion(version: DraftVersion): void;
  getVersion(id: string): DraftVersion | null;
  versions(draftId: string): DraftVersion[];
  savePreset(preset: Preset): void;
  deletePreset(id: string): void;
  presets(): Preset[];
  transaction<T>(work: () => T): T;
  /** Rows that could not be read (broken JSON, a shape this version does not know): set aside, never deleted. */
  quarantined(): { readonly table: string; readonly id: string; readonly reason: string; readonly at: string }[];
  close(): void;
}

type Row = Record<string, SQLInputValue>;

/** Why a stored record does not parse, in a line. */
function whyUnreadable(error: unknown): string {
  if (error instanceof ZodError)
    return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  return `not JSON: ${error instanceof Error ? error.message : String(error)}`;
}

/** Opens (or creates) the drafts database. Every autosave is a synced transaction: typing is never lost to a crash. */
export function openDraftStore(file: string): DraftStore {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
  db.exec(`
    CREATE TABLE IF NOT EXISTS drafts (id TEXT PRIMARY KEY, updated_at TEXT NOT NULL, deleted_at TEXT, pinned INTEGER NOT NULL, record TEXT NOT NULL);
    CREATE VIRTUAL TABLE IF NOT EXISTS drafts_fts USING fts5(id UNINDEXED, title, prompt, notes, tokenize='unicode61 remove_diacritics 2');
    CREATE TABLE IF NOT EXISTS versions (id TEXT PRIMARY KEY, draft_id TEXT NOT NULL, created_at TEXT NOT NULL, record TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS versions_draft ON versions(draft_id, created_at);
    CREATE TABLE IF NOT EXISTS presets (id TEXT PRIMARY KEY, record TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS quarantine (source TEXT NOT NULL, id TEXT NOT NULL, record TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (source, id));
  `);
  const transaction = <T>(work: () => T): T => inTransaction(db, work);
  /**
   * Reads one stored record; one that does not parse is moved to the quarantine table (kept, never deleted) and
   * skipped, so one bad row never stops the list or the app.
   */
  function readOrSetAside<T>(
    table: 'drafts' | 'versions' | 'presets',
    row: Row | undefined,
    parse: (value: unknown) => T,
  ): T | null {
    if (!row) return null;
    const text = String(row['record']);
    try {
      return parse(JSON.parse(text));
    } catch (error) {
      const id = String(row['id']);
      transaction(() => {
        db.prepare('INSERT OR REPLACE INTO quarantine (source, id, record, reason, at) VALUES (?, ?, ?, ?, ?)').run(
          table,
          id,
          text,
          whyUnreadable(error),
          new Date().toISOString(),
        );
        db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id);
        if (table === 'drafts') db.prepare('DELETE FROM drafts_fts WHERE id = ?').run(id);
      });
      return null;
    }
  }
  const parseDraft = (row: Row | undefined) => readOrSetAside('drafts', row, (value) => draftSchema.parse(value));
  const present = <T>(value: T | null): value is T => value !== null;
  const upsertDraft = db.prepare(
    'INSERT OR REPLACE INTO drafts (id, updated_at, deleted_at, pinned, record) VALUES (?, ?, ?, ?, ?)',
  );
  const removeFts = db.prepare('DELETE FROM drafts_fts WHERE id = ?');
  const addFts = db.prepare('INSERT INTO drafts_fts (id, title, prompt, notes) VALUES (?, ?, ?, ?)');

  return {
    saveDraft(draft) {
      transaction(() => {
        upsertDraft.run(draft.id, draft.updatedAt, draft.deletedAt, draft.pinned ? 1 : 0, JSON.stringify(draft));
        removeFts.run(draft.id);
        addFts.run(draft.id, draft.title, draft.prompt, draft.notes);
      });
    },
    getDraft: (id) => parseDraft(db.prepare('SELECT id, record FROM drafts WHERE id = ?').get(id) as Row | undefined),
    listDrafts({ search, deleted }) {
      const fts = search ? toFtsQuery(search) : null;
      const filter = deleted ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL';
      const rows = fts
        ? db
            .prepare(
              `SELECT d.id, d.record FROM drafts d JOIN drafts_fts f ON f.id = d.id WHERE ${filter} AND drafts_fts MATCH ? ORDER BY d.pinned DESC, bm25(drafts_fts, 0, 10.0, 5.0, 1.0), d.updated_at DESC`,
            )
            .all(fts)
        : db.prepare(`SELECT id, record FROM drafts WHERE ${filter} ORDER BY pinned DESC, updated_at DESC`).all();
      return (rows as Row[]).map((row) => parseDraft(row)).filter(present);
    },
    deleteDraft(id) {
      transaction(() => {
        db.prepare('DELETE FROM drafts WHERE id = ?').run(id);
        removeFts.run(id);
        db.prepare('DELETE FROM versions WHERE draft_id = ?').run(id);
      });
    },
    saveVersion: (version) =>
      void db
        .prepare('INSERT OR REPLACE INTO versions (id, draft_id, created_at, record) VALUES (?, ?, ?, ?)')
        .run(version.id, version.draftId, version.createdAt, JSON.stringify(version)),
    getVersion: (id) =>
      readOrSetAside(
        'versions',
        db.prepare('SELECT id, record FROM versions WHERE id = ?').get(id) as Row | undefined,
        (value) => draftVersionSchema.parse(value),
      ),
    versions: (draftId) =>
      (
        db
          .prepare('SELECT id, record FROM versions WHERE draft_id = ? ORDER BY created_at DESC, rowid DESC')
          .all(draftId) as Row[]
      )
        .map((row) => readOrSetAside('versions', row, (value) => draftVersionSchema.parse(value)))
        .filter(present),
    savePreset: (preset) =>
      void db
        .prepare('INSERT OR REPLACE INTO presets (id, record) VALUES (?, ?)')
        .run(preset.id, JSON.stringify(preset)),
    deletePreset: (id) => void db.prepare('DELETE FROM presets WHERE id = ?').run(id),
    presets: () =>
      (db.prepare('SELECT id, record FROM presets ORDER BY rowid').all() as Row[])
        .map((row) => readOrSetAside('presets', row, (value) => presetSchema.parse(value)))
        .filter(present),
    transaction,
    quarantined: () =>
      (db.prepare('SELECT source, id, reason, at FROM quarantine ORDER BY at').all() as Row[]).map((row) => ({
        table: String(row['source']),
        id: String(row['id']),
        reason: String(row['reason']),
        at: String(row['at']),
      })),
    close: () => {
      if (db.isOpen) db.close();
    },
  };
}
