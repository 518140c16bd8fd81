import { DatabaseSync } from 'node:sqlite';
// eslint-disable-next-line no-restricted-syntax -- node:sqlite opens synchronously; its folder and file are checked once, as the store opens
import { existsSync, renameSync } from 'node:fs';
import { openCatalog, type Catalog } from './catalog-db';

/** A catalog opened, and where a damaged one was set aside (null when it was sound). */
export interface OpenedCatalog {
  readonly catalog: Catalog;
  readonly setAside: string | null;
}

/** Whether the file is a readable SQLite database whose pages pass SQLite's own quick check. */
function isSound(file: string): boolean {
  if (!existsSync(file)) return true;
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(file, { readOnly: true });
    const rows = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    return rows.length === 1 && rows[0]?.quick_check === 'ok';
  } catch {
    return false; // "file is not a database", a torn header, an unreadable page
  } finally {
    db?.close();
  }
}

/**
 * Opens the library catalog. It is only a cache of the sidecars, so a damaged one is never fatal: it is moved aside
 * as `catalog.sqlite.damaged-<time>` (with its WAL and shared-memory files) and a new one is built in its place.
 */
export function openCatalogRepairing(file: string, now: Date = new Date()): OpenedCatalog {
  if (isSound(file)) {
    try {
      return { catalog: openCatalog(file), setAside: null };
    } catch {
      // Sound pages, but not a catalog that opens (a schema torn by hand, say): set aside too.
    }
  }
  const setAside = `${file}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${setAside}${suffix}`);
  }
  return { catalog: openCatalog(file), setAside };
}
