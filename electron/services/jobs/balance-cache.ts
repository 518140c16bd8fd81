import type { Balance } from '../../../shared/models/apimart';

/** The last balance seen, reused for a minute: checking before every submit must not itself hammer the API. */
export interface BalanceCache {
  get(fetchBalance: () => Promise<Balance>): Promise<Balance | null>;
}

/** Creates the cache; a failed balance check is "unknown", never a reason to block a job. */
export function createBalanceCache(now: () => number, maxAgeMs = 60_000): BalanceCache {
  let last: { balance: Balance; at: number } | null = null;
  return {
    async get(fetchBalance) {
      if (last && now() - last.at < maxAgeMs) return last.balance;
      try {
        last = { balance: await fetchBalance(), at: now() };
        return last.balance;
      } catch {
        return null;
      }
    },
  };
}
