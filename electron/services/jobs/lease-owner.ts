import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { processIsGone } from '../system/process-gone';

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
  return match !== null && processIsGone(match[1] ?? '', Number(match[2]));
}
