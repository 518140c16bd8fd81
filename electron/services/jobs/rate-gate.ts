import type { FetchLike } from '../apimart/http-transport';
import { parseRetryAfter } from '../apimart/retry-policy';

/** One gate for every job's requests: a 429 seen by any job holds back all of them. */
export interface RateGate {
  readonly fetch: FetchLike;
  /** Milliseconds until requests may go out again (0 when open). */
  remaining(): number;
}

/** Wraps a fetch so a 429 (with its Retry-After, or 5 s) pauses every later request through the same gate. */
export function createRateGate(
  fetch: FetchLike,
  now: () => number = Date.now,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): RateGate {
  let openAt = 0;
  return {
    remaining: () => Math.max(0, openAt - now()),
    fetch: async (url, init) => {
      const wait = openAt - now();
      if (wait > 0) await sleep(wait);
      const response = await fetch(url, init);
      if (response.status === 429)
        openAt = Math.max(openAt, now() + (parseRetryAfter(response.headers.get('retry-after'), now()) ?? 5_000));
      return response;
    },
  };
}
