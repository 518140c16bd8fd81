import { createHash, randomBytes } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';
import { sumMoney } from '../../../shared/text/money';

/** What the guard says of a billed call before it is made. */
export type SpendDecision =
  /** Go ahead: the cost is already counted against the session (two calls at once cannot both slip under it). */
  | { readonly kind: 'go' }
  /** It would pass the session's ceiling: refused, nothing sent. */
  | { readonly kind: 'over'; readonly cost: number; readonly spent: number; readonly ceiling: number }
  /** `mcp.confirm always`: the same call again with this token makes it. */
  | { readonly kind: 'confirm'; readonly cost: number; readonly token: string; readonly expiresInSeconds: number }
  /** The token given is not one this session issued for this very call (or it was used, or it expired). */
  | { readonly kind: 'badToken' };

/** Guards one MCP session's money: a ceiling on the sum of what its calls cost, and confirmation when asked for. */
export interface SpendGuard {
  check(call: { readonly tool: string; readonly args: unknown; readonly cost: number }, token?: string): SpendDecision;
  /** What this session's calls have cost so far (as estimated when each was let through). */
  spent(): number;
  readonly ceiling: number;
}

const TOKEN_LIFE_MS = 10 * 60_000;

// Keys sorted, so the same call written in another key order is the same call.
const fingerprint = (tool: string, args: unknown, cost: number) =>
  createHash('sha256')
    .update(`${tool}\n${stableStringify(args)}\n${cost}`)
    .digest('hex');

/**
 * A guard for one session. A token is bound to the call's tool, arguments and cost: echoed with anything else it is
 * refused, so an agent cannot confirm a cheap call and send an expensive one. Each token works once. A cost let
 * through stays counted, even if the job later fails unbilled: the ceiling errs on the side of spending less.
 */
export function createSpendGuard(options: {
  readonly ceiling: number;
  readonly confirm: 'never' | 'always';
  readonly now?: () => number;
}): SpendGuard {
  const now = options.now ?? Date.now;
  const costs: number[] = [];
  const issued = new Map<string, { readonly fingerprint: string; readonly expiresAt: number }>();
  const spent = () => sumMoney(costs);
  return {
    ceiling: options.ceiling,
    spent,
    check({ tool, args, cost }, token) {
      if (sumMoney([spent(), cost]) > options.ceiling)
        return { kind: 'over', cost, spent: spent(), ceiling: options.ceiling };
      const print = fingerprint(tool, args, cost);
      if (options.confirm === 'always') {
        if (token === undefined) {
          const fresh = randomBytes(16).toString('hex');
          issued.set(fresh, { fingerprint: print, expiresAt: now() + TOKEN_LIFE_MS });
          return { kind: 'confirm', cost, token: fresh, expiresInSeconds: TOKEN_LIFE_MS / 1000 };
        }
        const held = issued.get(token);
        if (!held || held.fingerprint !== print || held.expiresAt < now()) return { kind: 'badToken' };
        issued.delete(token);
      }
      costs.push(cost);
      return { kind: 'go' };
    },
  };
}
