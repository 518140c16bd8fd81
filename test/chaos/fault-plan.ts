import type { Fault, FaultPlan, FaultRoute } from '../fake-apimart/faults.ts';
import { seededRandom, type SeededRandom } from './seeded-random.ts';

/** The kinds of misbehaviour a plan injects, as the report counts them. */
export type FaultKind =
  | 'rateLimitStorm'
  | 'serverError'
  | 'slowAnswer'
  | 'dropBeforeWork'
  | 'dropAfterWork'
  | 'tornDownload'
  | 'expiredLink'
  | 'shortBody'
  | 'contentRefusal'
  | 'outage';

/** How often each fault happens, per request on its route. */
export interface FaultRates {
  /** A 429 storm starts on a request with this probability and answers the next 3–12 requests (any route) with 429. */
  readonly stormStart: number;
  readonly serverError: number;
  readonly slowAnswer: number;
  /** Generation requests only: the connection is cut before the task is made. */
  readonly dropBeforeWork: number;
  /** Generation requests only: the task is made and billed, then the connection is cut (the ambiguous case). */
  readonly dropAfterWork: number;
  /** Video downloads: the body stops part-way. */
  readonly tornDownload: number;
  /** Video downloads: the link answers 403 "expired". */
  readonly expiredLink: number;
  /** Polls: a body cut short mid-JSON. */
  readonly shortBody: number;
  /** Created tasks that end refused by the content policy. */
  readonly contentRefusal: number;
}

/** Rates that make most jobs meet at least one fault while most still finish in a short round. */
export const DEFAULT_RATES: FaultRates = {
  stormStart: 0.006,
  serverError: 0.04,
  slowAnswer: 0.04,
  dropBeforeWork: 0.07,
  dropAfterWork: 0.1,
  tornDownload: 0.12,
  expiredLink: 0.015,
  shortBody: 0.03,
  contentRefusal: 0.04,
};

const CONTENT_REFUSAL = 'Your request was rejected by the safety system: the prompt may violate the content policy.';

/** A seeded plan, with a count of what it injected. */
export interface ChaosFaultPlan extends FaultPlan {
  counts(): Readonly<Record<FaultKind, number>>;
  /** Counts an outage the driver caused (the server is stopped from outside the plan). */
  countOutage(): void;
}

/** The plan for run `seed`: each route's nth request draws from a stream of its own. */
export function createFaultPlan(seed: number, rates: FaultRates = DEFAULT_RATES): ChaosFaultPlan {
  const streams = new Map<string, SeededRandom>();
  const stream = (name: string) => {
    let found = streams.get(name);
    if (!found) {
      found = seededRandom(seed, `faults:${name}`);
      streams.set(name, found);
    }
    return found;
  };
  const counts: Record<FaultKind, number> = {
    rateLimitStorm: 0,
    serverError: 0,
    slowAnswer: 0,
    dropBeforeWork: 0,
    dropAfterWork: 0,
    tornDownload: 0,
    expiredLink: 0,
    shortBody: 0,
    contentRefusal: 0,
    outage: 0,
  };
  let storm = 0;
  const counted = (kind: FaultKind, fault: Fault): Fault => {
    counts[kind] += 1;
    return fault;
  };

  function routeFault(route: FaultRoute, random: SeededRandom): Fault | undefined {
    const roll = random.next();
    let edge = 0;
    const within = (rate: number) => roll < (edge += rate);
    if (within(rates.serverError))
      return counted('serverError', { kind: 'status', status: random.pick([500, 502, 503]) });
    if (within(rates.slowAnswer)) return counted('slowAnswer', { kind: 'delay', ms: random.between(200, 2_500) });
    if (route === 'generate') {
      if (within(rates.dropBeforeWork)) return counted('dropBeforeWork', { kind: 'drop' });
      if (within(rates.dropAfterWork)) return counted('dropAfterWork', { kind: 'dropAfterWork' });
    }
    if (route === 'video') {
      if (within(rates.tornDownload))
        return counted('tornDownload', { kind: 'dropMidBody', afterBytes: random.between(0, 20_000) });
      if (within(rates.expiredLink))
        return counted('expiredLink', { kind: 'status', status: 403, body: 'link expired' });
    }
    if (route === 'task' && within(rates.shortBody)) return counted('shortBody', { kind: 'malformedJson' });
    return undefined;
  }

  return {
    faultFor(route) {
      const random = stream(route);
      if (storm > 0) {
        storm -= 1;
        return {
          kind: 'status',
          status: 429,
          headers: { 'retry-after': '1' },
          body: { error: { message: 'Rate limit reached, slow down', type: 'rate_limit_error' } },
        };
      }
      if (random.chance(rates.stormStart)) {
        counts.rateLimitStorm += 1;
        storm = random.between(3, 12) - 1;
        return {
          kind: 'status',
          status: 429,
          headers: { 'retry-after': '1' },
          body: { error: { message: 'Rate limit reached, slow down', type: 'rate_limit_error' } },
        };
      }
      return routeFault(route, random);
    },
    taskFailure() {
      if (!stream('tasks').chance(rates.contentRefusal)) return null;
      counts.contentRefusal += 1;
      return CONTENT_REFUSAL;
    },
    counts: () => ({ ...counts }),
    countOutage: () => {
      counts.outage += 1;
    },
  };
}
