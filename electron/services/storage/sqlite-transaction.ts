import type { DatabaseSync } from 'node:sqlite';

/**
 * Runs `work` in one IMMEDIATE transaction (rolled back if it throws). Inside an open transaction the work simply
 * joins it, so store methods that use transactions can be combined into a larger one.
 */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  if (db.isTransaction) return work();
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    // A full disk (SQLITE_FULL) makes SQLite roll the transaction back itself: a ROLLBACK then would throw "no
    // transaction is active" and hide the error that says what happened.
    if (db.isTransaction) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // The original error is the one worth reporting.
      }
    }
    throw error;
  }
}

/**
 * Runs `work` in one read transaction (BEGIN DEFERRED): one consistent snapshot, and in WAL mode it never waits for
 * (or blocks) a writer. Inside an open transaction the work simply joins it.
 */
export function inReadTransaction<T>(db: DatabaseSync, work: () => T): T {
  if (db.isTransaction) return work();
  db.exec('BEGIN');
  try {
    return work();
  } finally {
    if (db.isTransaction) db.exec('COMMIT');
  }
}
