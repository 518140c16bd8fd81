import { createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { isSecureOrLoopback } from '../../../shared/net/url-policy';
import type { Logger } from '../logging/logger';
import type { ApiError} from './api-error';
import { apiErrors } from './api-error';
import type { FetchLike } from './http-transport';
import { backoffDelay, DEFAULT_RETRY, describeNetworkFailure, sleepUnlessAborted, type RetryOptions } from './retry-policy';

/** Progress of one download; `totalBytes` is null until the server says. */
export interface DownloadProgress {
  readonly receivedBytes: number;
  readonly totalBytes: number | null;
}

/** How a download is run. */
export interface DownloadOptions {
  readonly onProgress?: (progress: DownloadProgress) => void;
  readonly signal?: AbortSignal;
  /** The link's `expires_at`, ms since epoch: past it, nothing is requested. */
  readonly expiresAt?: number | null;
  /** Give up on an attempt when no bytes arrive for this long. */
  readonly idleTimeoutMs?: number;
}

/** A finished download. */
export interface DownloadResult {
  readonly path: string;
  readonly bytes: number;
}

/** What the downloader needs. */
export interface DownloadDeps {
  readonly fetch: FetchLike;
  readonly retry?: RetryOptions;
  readonly sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly logger?: Logger;
}

/** The temporary file a download grows in; kept after a failure so the next attempt can resume it. */
export function partialPathFor(destination: string): string {
  return `${destination}.part`;
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

function parseContentRange(header: string | null): { start: number; total: number | null } | null {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header?.trim() ?? '');
  if (!match) return null;
  return { start: Number(match[1]), total: match[2] === '*' ? null : Number(match[2]) };
}

async function flushToDisk(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function flushDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return; // Directories cannot be opened for fsync on Windows.
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

type AttemptResult = { done: true; bytes: number } | { done: false; error: ApiError; retryable: boolean };

/**
 * Streams a generated video to `destination` with flat memory: into `<destination>.part`, resuming with HTTP Range
 * when a partial file exists, verifying the length, syncing to disk, then renaming into place. `destination` only
 * ever appears complete. The API key is never sent: generated links are public and may live on another host.
 */
export async function downloadToFile(deps: DownloadDeps, url: string, destination: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const now = deps.now ?? Date.now;
  const retry = deps.retry ?? DEFAULT_RETRY;
  const sleep = deps.sleep ?? sleepUnlessAborted;
  const random = deps.random ?? Math.random;
  if (!isSecureOrLoopback(url)) throw apiErrors.malformed('the video link is not an https URL', { rawBody: url });
  if (options.expiresAt != null && now() > options.expiresAt) throw apiErrors.expired();
  const part = partialPathFor(destination);

  async function attempt(): Promise<AttemptResult> {
    const offset = await sizeOf(part);
    const idle = new AbortController();
    const idleMs = options.idleTimeoutMs ?? 30_000;
    let idleTimer = setTimeout(() => idle.abort(), idleMs);
    const touch = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => idle.abort(), idleMs);
    };
    const signal = options.signal ? AbortSignal.any([options.signal, idle.signal]) : idle.signal;
    try {
      const headers: Record<string, string> = offset > 0 ? { range: `bytes=${offset}-` } : {};
      const response = await deps.fetch(url, { method: 'GET', headers, signal });
      if ([403, 404, 410].includes(response.status)) {
        await response.body?.cancel();
        return { done: false, error: apiErrors.expired({ status: response.status }), retryable: false };
      }
      if (response.status === 416) {
        await response.body?.cancel();
        await rm(part, { force: true }); // Our partial file no longer matches the resource: start over.
        return { done: false, error: apiErrors.server({ status: 416 }), retryable: true };
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        const error = response.status === 429 ? apiErrors.rateLimited({ status: 429 }) : apiErrors.server({ status: response.status });
        return { done: false, error, retryable: response.status >= 500 || response.status === 429 };
      }

      let start = 0;
      let total: number | null = Number(response.headers.get('content-length') ?? Number.NaN);
      if (response.status === 206) {
        const range = parseContentRange(response.headers.get('content-range'));
        if (!range || range.start !== offset) {
          await response.body.cancel();
          await rm(part, { force: true });
          return { done: false, error: apiErrors.malformed('a resumed download did not continue where it stopped', {}), retryable: true };
        }
        start = offset;
        total = range.total;
      } else if (Number.isFinite(total)) {
        total = total as number;
      } else {
        total = null;
      }

      let received = start;
      options.onProgress?.({ receivedBytes: received, totalBytes: total });
      const body = Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
      // Counted by a listener beside the pipe rather than a Transform in it: a per-chunk stage halves throughput.
      body.on('data', (chunk: Buffer) => {
        received += chunk.length;
        touch();
        options.onProgress?.({ receivedBytes: received, totalBytes: total });
      });
      // A large write buffer means few, large writes: the disk keeps up with a fast connection.
      await pipeline(body, createWriteStream(part, { flags: start > 0 ? 'a' : 'w', highWaterMark: 4 * 1024 * 1024 }));

      const size = await sizeOf(part);
      if (total !== null && size !== total) {
        if (size > total) await rm(part, { force: true });
        return { done: false, error: apiErrors.network(`download ended at ${size} of ${total} bytes`), retryable: true };
      }
      return { done: true, bytes: size };
    } catch (caught) {
      if (options.signal?.aborted) return { done: false, error: apiErrors.cancelled(), retryable: false };
      const reason = idle.signal.aborted ? `no data for ${Math.round(idleMs / 1000)} s` : describeNetworkFailure(caught);
      return { done: false, error: apiErrors.network(reason), retryable: true };
    } finally {
      clearTimeout(idleTimer);
    }
  }

  for (let attemptIndex = 0; ; attemptIndex += 1) {
    const result = await attempt();
    if (result.done) {
      await flushToDisk(part);
      await rename(part, destination);
      await flushDirectory(path.dirname(destination));
      return { path: destination, bytes: result.bytes };
    }
    if (!result.retryable || attemptIndex + 1 >= retry.maxAttempts) throw result.error;
    deps.logger?.warn('apimart: download retry', { code: result.error.code, attempt: attemptIndex + 1 });
    try {
      await sleep(backoffDelay(attemptIndex, retry, random), options.signal);
    } catch {
      throw apiErrors.cancelled();
    }
  }
}
