import { trimEndOf } from '../../../shared/text/plain-text';
import type { Logger } from '../logging/logger';
import { apiErrors } from './api-error';
import { classifyErrorResponse, type RequestContext } from './classify-response';
import { readBoundedBytes, readBoundedText, readTextPrefix } from './bounded-body';
import { ApiError } from './api-error';
import { redactKey } from './redact';
import {
  backoffDelay,
  DEFAULT_RETRY,
  describeNetworkFailure,
  failedBeforeSending,
  sleepUnlessAborted,
  type RetryOptions,
} from './retry-policy';

/** The fetch the client uses: Electron's net.fetch in the app (system proxies and certificates), Node's in tests. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Where the API key comes from; read once per request so a replaced or cleared key takes effect at once. */
export interface ApiKeySource {
  read(): Promise<string | null>;
}

/** Shared plumbing of every call. */
export interface TransportDeps {
  readonly fetch: FetchLike;
  readonly baseUrl: string;
  readonly keySource: ApiKeySource;
  readonly timeoutMs?: number;
  readonly retry?: RetryOptions;
  readonly sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly logger?: Logger;
}

/** One API call. */
export interface CallSpec extends RequestContext {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly json?: unknown;
  readonly multipart?: { readonly body: Uint8Array; readonly contentType: string };
  /** Extra request headers (Idempotency-Key and the response version on generation requests). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Whether sending it twice is harmless. `POST /v1/videos/generations` is billed, so it is not. */
  readonly idempotent: boolean;
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
  /** A streamed answer's text as it arrives (only for a 2xx answer; the whole text is still returned). */
  readonly onText?: ((text: string) => void) | undefined;
  /** The answer is bytes (audio), not text: read up to this many, into `bytes`, never decoded or redacted. */
  readonly binaryLimit?: number | undefined;
}

/** A 2xx answer: its status, headers and body text (the key redacted), parsed by the caller; or its bytes. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** The text ('' for a binary answer). */
  readonly body: string;
  /** A binary answer's bytes (`binaryLimit` set), else null. */
  readonly bytes: Uint8Array | null;
}

/** The function that performs calls with timeouts, typed errors and the retry rules. */
export type Transport = (spec: CallSpec) => Promise<RawAnswer>;

type AttemptOutcome = { answer: RawAnswer } | { error: ApiError; retryable: boolean };

/** Builds the transport. */
export function createTransport(deps: TransportDeps): Transport {
  const retry = deps.retry ?? DEFAULT_RETRY;
  const sleep = deps.sleep ?? sleepUnlessAborted;
  const random = deps.random ?? Math.random;
  const now = deps.now ?? Date.now;
  const baseUrl = trimEndOf(deps.baseUrl, '/');

  async function attempt(spec: CallSpec, key: string): Promise<AttemptOutcome> {
    const timeoutMs = spec.timeoutMs ?? deps.timeoutMs ?? 30_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout]) : timeout;
    const headers: Record<string, string> = {
      ...spec.headers,
      authorization: `Bearer ${key}`,
      accept: spec.binaryLimit === undefined ? 'application/json' : '*/*',
    };
    let body: RequestInit['body'];
    if (spec.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.json);
    } else if (spec.multipart) {
      headers['content-type'] = spec.multipart.contentType;
      body = spec.multipart.body;
    }

    try {
      const response = await deps.fetch(`${baseUrl}${spec.path}`, { method: spec.method, headers, body, signal });
      if (response.ok) {
        if (spec.binaryLimit !== undefined) {
          const bytes = await readBoundedBytes(response, spec.binaryLimit);
          return { answer: { status: response.status, headers: response.headers, body: '', bytes } };
        }
        const text = redactKey(await readBoundedText(response, undefined, spec.onText), key);
        return { answer: { status: response.status, headers: response.headers, body: text, bytes: null } };
      }
      const text = redactKey(await readTextPrefix(response), key);
      const error = classifyErrorResponse(response.status, response.statusText, text, response.headers, spec, now());
      return { error, retryable: spec.idempotent && (error.code === 'server' || error.code === 'rateLimited') };
    } catch (caught) {
      if (spec.signal?.aborted) return { error: apiErrors.cancelled(), retryable: false };
      // Refused by us while reading (an answer past its size limit): asking again would get the same answer.
      if (caught instanceof ApiError) return { error: caught, retryable: false };
      if (timeout.aborted)
        return { error: apiErrors.timeout(Math.round(timeoutMs / 1000)), retryable: spec.idempotent };
      const notSent = failedBeforeSending(caught);
      const error = apiErrors.network(redactKey(describeNetworkFailure(caught), key), !notSent);
      return { error, retryable: spec.idempotent || notSent };
    }
  }

  return async function call(spec) {
    for (let attemptIndex = 0; ; attemptIndex += 1) {
      const key = await deps.keySource.read();
      if (!key) throw apiErrors.noKey();
      const outcome = await attempt(spec, key);
      if ('answer' in outcome) return outcome.answer;

      const { error } = outcome;
      const retryAfter = error.detail.retryAfterMs;
      const lastAttempt = attemptIndex + 1 >= retry.maxAttempts;
      if (!outcome.retryable || lastAttempt || (retryAfter !== undefined && retryAfter > retry.maxRetryAfterMs))
        throw error;

      const delay = retryAfter ?? backoffDelay(attemptIndex, retry, random);
      deps.logger?.warn('apimart: retrying', {
        path: spec.path,
        code: error.code,
        status: error.detail.status,
        attempt: attemptIndex + 1,
        delay,
      });
      try {
        await sleep(delay, spec.signal);
      } catch {
        throw apiErrors.cancelled();
      }
    }
  };
}
