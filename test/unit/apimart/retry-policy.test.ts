import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  DEFAULT_RETRY,
  failedBeforeSending,
  parseRetryAfter,
} from '../../../electron/services/apimart/retry-policy';

describe('retry policy', () => {
  it('backs off exponentially with full jitter, capped', () => {
    expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, DEFAULT_RETRY, () => 1))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ]);
    expect(backoffDelay(3, DEFAULT_RETRY, () => 0)).toBe(0);
    expect(backoffDelay(2, DEFAULT_RETRY, () => 0.25)).toBe(500);
  });

  it('parses Retry-After', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
    expect(parseRetryAfter('Tue, 24 Nov 2026 10:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('knows which failures prove a request never left (so even a billed POST may be resent)', () => {
    const undici = (code: string) =>
      Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
    expect(failedBeforeSending(undici('ECONNREFUSED'))).toBe(true);
    expect(failedBeforeSending(undici('ENOTFOUND'))).toBe(true);
    expect(failedBeforeSending(new Error('net::ERR_INTERNET_DISCONNECTED'))).toBe(true);
    expect(failedBeforeSending(new Error('net::ERR_NAME_NOT_RESOLVED'))).toBe(true);
    // These may have happened after the server received the request.
    expect(failedBeforeSending(undici('ECONNRESET'))).toBe(false);
    expect(failedBeforeSending(undici('UND_ERR_SOCKET'))).toBe(false);
    expect(failedBeforeSending(new Error('net::ERR_CONNECTION_RESET'))).toBe(false);
    expect(failedBeforeSending(new Error('net::ERR_TIMED_OUT'))).toBe(false);
  });
});
