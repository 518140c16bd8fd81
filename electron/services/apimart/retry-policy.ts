/** How persistently idempotent calls are retried. */
export interface RetryOptions {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited out here: the error goes up for the caller to schedule. */
  readonly maxRetryAfterMs: number;
}

/** Defaults: four attempts, 0.5 s doubling to at most 8 s, honouring Retry-After up to a minute. */
export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** "Full jitter" exponential backoff: a random delay up to base·2^attempt, capped. */
export function backoffDelay(attempt: number, options: RetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits, unless the signal aborts first. */
export function sleepUnlessAborted(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);
const NOT_SENT_CHROMIUM =
  /ERR_(CONNECTION_REFUSED|NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|INTERNET_DISCONNECTED|ADDRESS_UNREACHABLE|NETWORK_CHANGED|PROXY_CONNECTION_FAILED)/;

/**
 * True only when a fetch failure proves the request never reached the server (no connection was made), so even a
 * billed POST may be sent again. Undici reports `cause.code`; Electron's net.fetch reports Chromium `net::ERR_*`.
 */
export function failedBeforeSending(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const record = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof record.code === 'string' && NOT_SENT_CODES.has(record.code)) return true;
    if (typeof record.message === 'string' && NOT_SENT_CHROMIUM.test(record.message)) return true;
    current = record.cause;
  }
  return false;
}

/** A short description of a network failure for the log (no URLs with secrets are ever in these). */
export function describeNetworkFailure(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const record = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof record.message === 'string') parts.push(record.message);
    if (typeof record.code === 'string') parts.push(record.code);
    current = record.cause;
  }
  return parts.join(' / ');
}

/** What undici (the CLI, Node) raises for an answer that breaks HTTP's rules, rather than for a network fault. */
const PROTOCOL_CODES = new Set([
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_HEADERS_OVERFLOW',
  'UND_ERR_RES_EXCEEDED_MAX_SIZE',
  'Z_DATA_ERROR',
  'Z_BUF_ERROR',
]);
/** The same from Chromium's network stack (Electron's net.fetch). */
const PROTOCOL_CHROMIUM =
  /ERR_(INVALID_HTTP_RESPONSE|RESPONSE_HEADERS_TOO_BIG|CONTENT_LENGTH_MISMATCH|INVALID_CHUNKED_ENCODING|RESPONSE_HEADERS_MULTIPLE_CONTENT_LENGTH|RESPONSE_HEADERS_MULTIPLE_CONTENT_DISPOSITION|CONTENT_DECODING_FAILED|HTTP_1_1_REQUIRED)/;

/**
 * What was wrong when a failure is a server answering wrongly (bad framing, two lengths, endless headers, a body
 * that does not decode) rather than the network; null for a network failure. Asking again rarely helps the first.
 */
export function describeProtocolFailure(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const record = current as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
    const message = typeof record.message === 'string' ? record.message : '';
    if (record.name === 'HTTPParserError' || (typeof record.code === 'string' && PROTOCOL_CODES.has(record.code)))
      return message || String(record.code);
    if (PROTOCOL_CHROMIUM.test(message)) return message;
    current = record.cause;
  }
  return null;
}
