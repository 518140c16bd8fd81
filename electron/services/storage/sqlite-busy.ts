/**
 * True for SQLite's "another connection holds the lock" (SQLITE_BUSY / SQLITE_LOCKED): a process paused or stopped
 * in the middle of a write, not a damaged file. It passes when that process goes on, so it is waited for, never
 * treated as damage.
 */
export function isDatabaseBusy(error: unknown): boolean {
  const record = error as { errcode?: unknown; message?: unknown } | null;
  if (record && (record.errcode === 5 || record.errcode === 6)) return true;
  return (
    typeof record?.message === 'string' && /database (table )?is locked|SQLITE_BUSY|SQLITE_LOCKED/i.test(record.message)
  );
}
