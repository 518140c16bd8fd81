import { createHash } from 'node:crypto';
import os from 'node:os';

/** A short tag of this machine's name, for file names that say which machine's process wrote them. */
export const HOST_TAG = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 8);

/**
 * Whether `pid` of machine `host` is a process of this machine that no longer exists. False when unsure: another
 * machine's process (a shared or synced folder), or one this process may not signal.
 */
export function processIsGone(host: string, pid: number): boolean {
  if (host !== os.hostname() && host !== HOST_TAG) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
