import type { JobRecord, JobStore } from '../storage/job-store';
import { isDatabaseBusy } from '../storage/sqlite-busy';
import { newOwnerId, ownerIsGone } from './lease-owner';

/** How long a lease holds without renewal: long enough for a busy machine, short enough to take over a dead one. */
const DEFAULT_LEASE_MS = 30_000;

/** Where a job is being run. */
export type RunBy = 'here' | 'elsewhere' | null;

/** A write refused because another process now holds the job (this one was paused past its lease, say). */
export class LeaseLostError extends Error {
  readonly jobId: string;

  constructor(jobId: string) {
    super(`The lease on job ${jobId} is held by another Reelbench process.`);
    this.name = 'LeaseLostError';
    this.jobId = jobId;
  }
}

/** The leases one runner holds in the job store: taken before each step, renewed while it lives, fencing its writes. */
export interface JobLeases {
  readonly owner: string;
  /** Takes or extends the lease on a job; false when another live process holds it. */
  take(id: string): boolean;
  /** Writes a record of a job this runner holds; false (nothing written) when it no longer holds it. */
  write(record: JobRecord): boolean;
  /** Stores a new job, leased to this runner. */
  insert(record: JobRecord): void;
  runBy(id: string): RunBy;
  /** Renews every lease every third of its life; `onLost` hears of the ones another process took. */
  start(onLost: (ids: readonly string[]) => void): void;
  /** Stops renewing and gives every lease up, so another process can take over at once. */
  stop(): void;
}

/** What the leases are kept in and measured by. */
export interface JobLeasesDeps {
  readonly store: JobStore;
  readonly now: () => number;
  readonly leaseMs?: number | undefined;
  readonly owner?: string;
  readonly ownerIsGone?: (owner: string) => boolean;
}

/** Creates the lease keeper of one runner. */
export function createJobLeases(deps: JobLeasesDeps): JobLeases {
  const owner = deps.owner ?? newOwnerId();
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const gone = deps.ownerIsGone ?? ownerIsGone;
  const held = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const until = () => deps.now() + leaseMs;

  function take(id: string): boolean {
    if (deps.store.claim(id, owner, deps.now(), until())) {
      held.add(id);
      return true;
    }
    const lease = deps.store.lease(id);
    // A lease of this runner's own was extended by the claim above: only another owner's can be gone.
    if (lease && gone(lease.owner) && deps.store.takeOver(id, owner, lease.owner, until())) {
      held.add(id);
      return true;
    }
    held.delete(id);
    return false;
  }

  return {
    owner,
    take,
    write(record) {
      const written = deps.store.saveOwned(record, owner);
      if (!written || deps.store.lease(record.job.id) === null) held.delete(record.job.id);
      return written;
    },
    insert(record) {
      deps.store.insert(record, owner, until());
      held.add(record.job.id);
    },
    runBy(id) {
      const lease = deps.store.lease(id);
      if (!lease) return null;
      if (lease.owner === owner) return 'here';
      return lease.until < deps.now() || gone(lease.owner) ? null : 'elsewhere';
    },
    start(onLost) {
      clearInterval(timer);
      timer = setInterval(
        () => {
          let still: Set<string>;
          try {
            still = deps.store.renew(owner, until());
          } catch (error) {
            // Another process is paused mid-write: renew at the next round (the lease outlasts two of them).
            if (isDatabaseBusy(error)) return;
            throw error;
          }
          const lost = [...held].filter((id) => !still.has(id));
          for (const id of lost) held.delete(id);
          if (lost.length > 0) onLost(lost);
        },
        Math.max(50, Math.floor(leaseMs / 3)),
      );
      // Stryker disable next-line CallExpression: what it changes is whether this timer alone keeps a process alive
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      for (const id of held) deps.store.release(id, owner);
      held.clear();
    },
  };
}
