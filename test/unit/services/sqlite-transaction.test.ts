import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../electron/services/storage/sqlite-transaction';

describe('inTransaction', () => {
  it('reports a full disk as the full disk, not as a failed rollback, and leaves the database usable', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE t (x TEXT)');
    const { page_count: pages } = db.prepare('PRAGMA page_count').get() as { page_count: number };
    db.exec(`PRAGMA max_page_count = ${pages + 1}`);
    expect(() => inTransaction(db, () => db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000)))).toThrow(
      'database or disk is full',
    );
    expect(db.isTransaction).toBe(false);
    inTransaction(db, () => db.prepare('INSERT INTO t VALUES (?)').run('small'));
    expect(db.prepare('SELECT x FROM t').all()).toEqual([{ x: 'small' }]);
  });

  it('rolls back what the work did when it throws', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE t (x TEXT)');
    expect(() =>
      inTransaction(db, () => {
        db.prepare('INSERT INTO t VALUES (?)').run('gone');
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
  });
});
