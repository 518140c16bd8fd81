import { randomUUID } from 'node:crypto';
import os from 'node:os';

/**
 * A lease owner's id names its machine and process, so a process on the same machine can tell at once that the
 * owner is gone (a crash, a kill -9) instead of waiting for its lease to run out. Another machine sharing the data
 * folder (a network drive) waits for the expiry.
 */
export function newOwnerId(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID()}`;
}

/** Whether the owner is a process of this machine that no longer exists. */
export function ownerIsGone(owner: string): boolean {
  const match = /^(.*):(\d+):[0-9a-f-]{36}$/.exec(owner);
  if (!match || match[1] !== os.hostname()) return false;
  const pid = Number(match[2]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
