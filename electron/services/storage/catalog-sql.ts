/** Bump with a migration below when the catalog's shape changes; an unknown version is rebuilt from the sidecars. */
export const CATALOG_VERSION = 1;

/** The full-text index's columns, in its order, and how it splits text into tokens. */
const FTS_COLUMNS = ['title', 'prompt', 'tags', 'notes'] as const;
const FTS_TOKENIZER = 'unicode61 remove_diacritics 2';

/** The catalog: a cache of the library's sidecars, rebuilt from the folder whenever in doubt. */
export const CATALOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  video_path TEXT NOT NULL UNIQUE,
  sidecar_path TEXT NOT NULL,
  video_size INTEGER NOT NULL,
  video_mtime REAL NOT NULL,
  sidecar_mtime REAL NOT NULL,
  title TEXT NOT NULL,
  prompt TEXT,
  model TEXT,
  aspect TEXT,
  resolution TEXT,
  duration REAL,
  created_at TEXT NOT NULL,
  completed_at TEXT,
  favorite INTEGER NOT NULL,
  rating INTEGER,
  tags TEXT NOT NULL,
  notes TEXT NOT NULL,
  reference_path TEXT,
  task_id TEXT,
  job_id TEXT,
  draft_id TEXT,
  draft_version_id TEXT,
  has_poster INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS items_created ON items(created_at);
CREATE INDEX IF NOT EXISTS items_title ON items(title COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS items_duration ON items(duration);
CREATE INDEX IF NOT EXISTS items_model ON items(model);
CREATE INDEX IF NOT EXISTS items_favorite ON items(favorite, created_at);
CREATE INDEX IF NOT EXISTS items_job ON items(job_id);
CREATE TABLE IF NOT EXISTS item_tags (
  item_rowid INTEGER NOT NULL REFERENCES items(rowid) ON DELETE CASCADE,
  tag TEXT NOT NULL COLLATE NOCASE
);
CREATE INDEX IF NOT EXISTS item_tags_tag ON item_tags(tag, item_rowid);
CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5(
  ${FTS_COLUMNS.join(', ')}, content='items', content_rowid='rowid', tokenize='${FTS_TOKENIZER}'
);
CREATE TRIGGER IF NOT EXISTS items_fts_insert AFTER INSERT ON items BEGIN
  INSERT INTO items_fts(rowid, title, prompt, tags, notes) VALUES (new.rowid, new.title, new.prompt, new.tags, new.notes);
END;
CREATE TRIGGER IF NOT EXISTS items_fts_delete AFTER DELETE ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, title, prompt, tags, notes) VALUES ('delete', old.rowid, old.title, old.prompt, old.tags, old.notes);
END;
CREATE TRIGGER IF NOT EXISTS items_fts_update AFTER UPDATE ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, title, prompt, tags, notes) VALUES ('delete', old.rowid, old.title, old.prompt, old.tags, old.notes);
  INSERT INTO items_fts(rowid, title, prompt, tags, notes) VALUES (new.rowid, new.title, new.prompt, new.tags, new.notes);
END;
CREATE TABLE IF NOT EXISTS problems (path TEXT PRIMARY KEY, message TEXT NOT NULL);
`;
