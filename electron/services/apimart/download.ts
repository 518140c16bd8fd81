import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { isSecureOrLoopback } from '../../../shared/net/url-policy';
import type { Logger } from '../logging/logger';
import type { ApiError } from './api-error';
import { apiErrors } from './api-error';
import { openBatchedFileWriter } from './batched-file-writer';
import { downloadSourceFromFetch, type DownloadSource } from './download-source';
import type { FetchLike } from './http-transport';
import {
  backoffDelay,
  DEFAULT_RETRY,
  describeNetworkFailure,
  sleepUnlessAborted,
  type RetryOptions,
} from './retry-policy';

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
  /** How video files are fetched; by default through `fetch`. */
  readonly downloadSource?: DownloadSource | undefined;
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

async function flushDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return; // Directories cannot be opened for fsync on Windows.
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Aborts when no bytes arrived for `idleMs`; one timer per attempt rather than one per chunk. */
function startIdleWatch(idleMs: number): {
  readonly signal: AbortSignal;
  readonly touch: () => void;
  readonly stop: () => void;
} {
  const controller = new AbortController();
  let lastActivity = Date.now();
  const timer = setInterval(
    () => {
      if (Date.now() - lastActivity >= idleMs) controller.abort();
    },
    Math.max(10, Math.min(1_000, Math.round(idleMs / 4))),
  );
  return {
    signal: controller.signal,
    touch: () => {
      lastActivity = Date.now();
    },
    stop: () => clearInterval(timer),
  };
}

function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

type AttemptResult = { done: true; bytes: number } | { done: false; error: ApiError; retryable: boolean };

/**
 * Streams a generated video to `destination` with flat memory: into `<destination>.part`, resuming with HTTP Range
 * when a partial file exists, verifying the length, syncing to disk, then renaming into place. `destination` only
 * ever appears complete. The API key is never sent: generated links are public and may live on another host.
 */
export async function downloadToFile(
  deps: DownloadDeps,
  url: string,
  destination: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const now = deps.now ?? Date.now;
  const retry = deps.retry ?? DEFAULT_RETRY;
  const sleep = deps.sleep ?? sleepUnlessAborted;
  const random = deps.random ?? Math.random;
  if (!isSecureOrLoopback(url)) throw apiErrors.malformed('the video link is not an https URL', { rawBody: url });
  if (options.expiresAt != null && now() > options.expiresAt) throw apiErrors.expired();
  const part = partialPathFor(destination);
  const source = deps.downloadSource ?? downloadSourceFromFetch(deps.fetch);

  async function attempt(): Promise<AttemptResult> {
    const offset = await sizeOf(part);
    const idleMs = options.idleTimeoutMs ?? 30_000;
    const idle = startIdleWatch(idleMs);
    const signal = options.signal ? AbortSignal.any([options.signal, idle.signal]) : idle.signal;
    try {
      const headers: Record<string, string> = offset > 0 ? { range: `bytes=${offset}-` } : {};
      const response = await source(url, { headers, signal });
      if ([403, 404, 410].includes(response.status)) {
        await response.discard();
        return { done: false, error: apiErrors.expired({ status: response.status }), retryable: false };
      }
      if (response.status === 416) {
        await response.discard();
        await rm(part, { force: true }); // Our partial file no longer matches the resource: start over.
        return { done: false, error: apiErrors.server({ status: 416 }), retryable: true };
      }
      if (response.status < 200 || response.status > 299) {
        await response.discard();
        const error =
          response.status === 429
            ? apiErrors.rateLimited({ status: 429 })
            : apiErrors.server({ status: response.status });
        return { done: false, error, retryable: response.status >= 500 || response.status === 429 };
      }

      let start = 0;
      let total: number | null = Number(response.header('content-length') ?? Number.NaN);
      if (response.status === 206) {
        const range = parseContentRange(response.header('content-range'));
        if (!range || range.start !== offset) {
          await response.discard();
          await rm(part, { force: true });
          return {
            done: false,
            error: apiErrors.malformed('a resumed download did not continue where it stopped', {}),
            retryable: true,
          };
        }
        start = offset;
        total = range.total;
      } else if (!Number.isFinite(total)) {
        total = null;
      }

      let received = start;
      options.onProgress?.({ receivedBytes: received, totalBytes: total });
      const writer = await openBatchedFileWriter(part, start > 0 ? 'append' : 'truncate');
      try {
        for await (const chunk of response.body) {
          received += chunk.length;
          idle.touch();
          await writer.write(chunk);
          options.onProgress?.({ receivedBytes: received, totalBytes: total });
        }
      } catch (failure) {
        await writer.abandon();
        throw failure;
      }
      await writer.finish();

      const size = await sizeOf(part);
      if (total !== null && size !== total) {
        if (size > total) await rm(part, { force: true });
        return {
          done: false,
          error: apiErrors.network(`download ended at ${size} of ${total} bytes`),
          retryable: true,
        };
      }
      return { done: true, bytes: size };
    } catch (caught) {
      if (options.signal?.aborted) return { done: false, error: apiErrors.cancelled(), retryable: false };
      if (isDiskFull(caught)) return { done: false, error: apiErrors.diskFull(), retryable: false };
      const reason = idle.signal.aborted
        ? `no data for ${Math.round(idleMs / 1000)} s`
        : describeNetworkFailure(caught);
      return { done: false, error: apiErrors.network(reason), retryable: true };
    } finally {
      idle.stop();
    }
  }

  for (let attemptIndex = 0; ; attemptIndex += 1) {
    const result = await attempt();
    if (result.done) {
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
