import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { isLoopbackUrl } from '../../../shared/net/url-policy';
import { looksLikeVideo } from '../media/video-signature';
import type { Logger } from '../logging/logger';
import type { ApiError } from './api-error';
import { apiErrors } from './api-error';
import { downloadSourceFromFetch } from './download-source';
import { apiIsLocal, isLocalNetworkRefusal, linkIntoLocalNetwork } from './local-network';
import type { FetchLike } from './http-transport';
import {
  backoffDelay,
  DEFAULT_RETRY,
  describeNetworkFailure,
  describeProtocolFailure,
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
  /**
   * Give up on an attempt that receives fewer than `bytes` in any `windowMs` (a body trickling a byte every few
   * seconds is never idle, and would otherwise be "downloading" for ever); the job resumes it later.
   */
  readonly minThroughput?: { readonly bytes: number; readonly windowMs: number };
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
  /**
   * The API's address: only when it is on this machine may a video link (or a redirect) be plain http there, and only
   * when it is on this machine or the local network may a link lead there.
   */
  readonly baseUrl?: string;
  /** The largest video accepted (2 GB unless a test says less). */
  readonly maxVideoBytes?: number;
  /** A host's addresses (DNS by default): each link and redirect hop is checked for the local network first. */
  readonly resolveHost?: (host: string) => Promise<readonly string[]>;
}

/** How many redirects a video link may go through (CDNs commonly add one or two), each one checked. */
const MAX_REDIRECTS = 5;
/** The largest video accepted, whatever the headers say: far beyond a 15 s clip in 4K. */
const MAX_VIDEO_BYTES = 2 * 1024 * 1024 * 1024;
/** At least 64 KiB a minute: far below any real connection, far above a deliberate trickle. */
const MIN_THROUGHPUT = { bytes: 64 * 1024, windowMs: 60_000 } as const;

/** Whether a link (the API's, or a hop it redirects to) may be fetched: https, or http on this machine for a local API. */
function linkAllowed(link: string, baseUrl: string | undefined): boolean {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  const localApi = baseUrl === undefined || (URL.canParse(baseUrl) && isLoopbackUrl(new URL(baseUrl)));
  return localApi && url.protocol === 'http:' && isLoopbackUrl(url);
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
  // Fetch hands header values over without their surrounding spaces.
  // Stryker disable next-line StringLiteral: no text but a Content-Range matches, so '' stands for any
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header ?? '');
  if (!match) return null;
  return { start: Number(match[1]), total: match[2] === '*' ? null : Number(match[2]) };
}

// Stryker disable all: whether a directory entry reached the disk shows only after a power cut
async function flushDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return; // Directories cannot be opened for fsync on Windows.
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
// Stryker restore all

/**
 * Aborts an attempt when no bytes arrived for `idleMs`, or fewer than the minimum throughput in a window; one timer
 * per attempt rather than one per chunk. `why` says which.
 */
function startIdleWatch(
  idleMs: number,
  minimum: { readonly bytes: number; readonly windowMs: number },
): {
  readonly signal: AbortSignal;
  readonly touch: (bytes: number) => void;
  readonly why: () => string | null;
  readonly stop: () => void;
} {
  const controller = new AbortController();
  let lastActivity = Date.now();
  let windowStart = lastActivity;
  let windowBytes = 0;
  let why: string | null = null;
  const stopWith = (reason: string) => {
    why = reason;
    controller.abort();
  };
  const timer = setInterval(
    () => {
      const now = Date.now();
      // Stryker disable next-line EqualityOperator: a boundary one timer tick wide
      if (now - lastActivity >= idleMs) return stopWith(`no data for ${Math.round(idleMs / 1000)} s`);
      // Stryker disable next-line EqualityOperator: a boundary one timer tick wide
      if (now - windowStart < minimum.windowMs) return;
      // Stryker disable next-line EqualityOperator: exactly the minimum in a window is a boundary no timing can hit
      if (windowBytes < minimum.bytes)
        return stopWith(`${windowBytes} bytes in ${Math.round(minimum.windowMs / 1000)} s, too slow to finish`);
      windowStart = now;
      windowBytes = 0;
    },
    // Stryker disable next-line all: the tick changes only how soon after the limit the check runs
    Math.max(10, Math.min(1_000, Math.round(Math.min(idleMs, minimum.windowMs) / 4))),
  );
  return {
    signal: controller.signal,
    touch: (bytes) => {
      lastActivity = Date.now();
      windowBytes += bytes;
    },
    why: () => why,
    stop: () => clearInterval(timer),
  };
}

function isDiskFull(error: unknown): boolean {
  // Stryker disable next-line OptionalChaining: what a failed write throws is always an object
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC') return true;
  // Stryker disable next-line StringLiteral,ConditionalExpression: a full quota cannot be produced by a test
  return code === 'EDQUOT';
}

/** Thrown out of the body loop when a download grows past what it may be. */
class OversizedBody extends Error {}

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
  if (!linkAllowed(url, deps.baseUrl))
    throw apiErrors.malformed('the video link is not an https URL', { rawBody: url });
  if (options.expiresAt != null && now() > options.expiresAt) throw apiErrors.expired();
  const part = partialPathFor(destination);
  const source = downloadSourceFromFetch(deps.fetch);
  const localAllowed = apiIsLocal(deps.baseUrl);
  /** Null when the link may be fetched; the refusal when it leads into the local network. */
  const localRefusal = async (link: string): Promise<ApiError | null> =>
    !localAllowed && (await linkIntoLocalNetwork(new URL(link), deps.resolveHost))
      ? apiErrors.localLink(new URL(link).hostname)
      : null;

  async function attempt(): Promise<AttemptResult> {
    const offset = await sizeOf(part);
    const idleMs = options.idleTimeoutMs ?? 30_000;
    const idle = startIdleWatch(idleMs, options.minThroughput ?? MIN_THROUGHPUT);
    const signal = options.signal ? AbortSignal.any([options.signal, idle.signal]) : idle.signal;
    try {
      const headers: Record<string, string> = offset > 0 ? { range: `bytes=${offset}-` } : {};
      // Redirects are followed here, one hop at a time, each checked like the link itself: a hostile answer cannot
      // send the download to a plain-http host or a machine on the local network.
      let link = url;
      const refused = await localRefusal(link);
      if (refused) return { done: false, error: refused, retryable: false };
      let response = await source(link, { headers, signal });
      for (let hops = 0; [301, 302, 303, 307, 308].includes(response.status); hops += 1) {
        const location = response.header('location');
        await response.discard();
        const next = location && URL.canParse(location, link) ? new URL(location, link).toString() : null;
        if (!next)
          return {
            done: false,
            error: apiErrors.malformed('a redirect without a valid place to go', {}),
            retryable: false,
          };
        if (hops >= MAX_REDIRECTS)
          return { done: false, error: apiErrors.malformed('too many redirects', {}), retryable: false };
        if (!linkAllowed(next, deps.baseUrl)) {
          const why = `a redirect to a link that is not https (${next})`;
          return { done: false, error: apiErrors.malformed(why, {}), retryable: false };
        }
        link = next;
        const hopRefused = await localRefusal(link);
        if (hopRefused) return { done: false, error: hopRefused, retryable: false };
        response = await source(link, { headers, signal });
      }
      if ([403, 404, 410].includes(response.status)) {
        await response.discard();
        return { done: false, error: apiErrors.expired({ status: response.status }), retryable: false };
      }
      if (response.status === 416) {
        await response.discard();
        // Stryker disable next-line ObjectLiteral,BooleanLiteral: the part exists: the range was asked for from it
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

      const maxBytes = deps.maxVideoBytes ?? MAX_VIDEO_BYTES;
      // Stryker disable next-line ConditionalExpression: null > maxBytes is false all the same
      if (total !== null && total > maxBytes) {
        await response.discard();
        return {
          done: false,
          error: apiErrors.malformed('a video larger than any video can be', {}),
          retryable: false,
        };
      }
      let received = start;
      options.onProgress?.({ receivedBytes: received, totalBytes: total });
      // Each chunk is on its way to the disk before the next is read: a dropped connection keeps every byte that
      // came, for the resume. The file is synced before it is closed, so the rename below only publishes bytes on disk.
      const file = await open(part, start > 0 ? 'a' : 'w');
      try {
        for await (const chunk of response.body) {
          received += chunk.length;
          // No more than the headers announced, and never more than any video could be.
          if ((total !== null && received > total) || received > maxBytes) throw new OversizedBody();
          idle.touch(chunk.length);
          for (let written = 0; written < chunk.length;)
            written += (await file.write(chunk, written, chunk.length - written)).bytesWritten;
          options.onProgress?.({ receivedBytes: received, totalBytes: total });
        }
        await file.sync();
      } catch (failure) {
        if (failure instanceof OversizedBody) {
          await file.close();
          // Stryker disable next-line ObjectLiteral,BooleanLiteral: the part file was opened above, so it exists
          await rm(part, { force: true });
          return {
            done: false,
            error: apiErrors.malformed('more bytes than the video link announced', {}),
            retryable: false,
          };
        }
        throw failure;
      } finally {
        await file.close().catch(() => undefined);
      }

      const size = await sizeOf(part);
      if (total !== null && size !== total) {
        return {
          done: false,
          error: apiErrors.network(`download ended at ${size} of ${total} bytes`),
          retryable: true,
        };
      }
      // Filed only if it is a video: an HTML error page served as the "video" is refused, nothing filed.
      if (!(await looksLikeVideo(part))) {
        // Stryker disable next-line ObjectLiteral,BooleanLiteral: the part was just read, so it exists
        await rm(part, { force: true });
        return {
          done: false,
          error: apiErrors.malformed('the server sent something that is not a video', {}),
          retryable: false,
        };
      }
      return { done: true, bytes: size };
    } catch (caught) {
      // Stryker disable next-line BooleanLiteral: a retry's back-off ends at once on the same aborted signal, as cancelled
      if (options.signal?.aborted) return { done: false, error: apiErrors.cancelled(), retryable: false };
      if (isDiskFull(caught)) return { done: false, error: apiErrors.diskFull(), retryable: false };
      // Refused where the connection was made (the CLI's check on the address actually connected to).
      if (isLocalNetworkRefusal(caught))
        return { done: false, error: apiErrors.localLink(new URL(url).hostname), retryable: false };
      // A server that breaks HTTP's rules is not the network: said as such, logged with its cause, retried only
      // within this download's attempts.
      const protocol = idle.signal.aborted ? null : describeProtocolFailure(caught);
      if (protocol) {
        // Stryker disable next-line OptionalChaining,ObjectLiteral: a log line
        deps.logger?.warn('apimart: the video server broke HTTP', { cause: protocol });
        const why = `the video server answered in a way HTTP does not allow: ${protocol}`;
        return { done: false, error: apiErrors.malformed(why, {}), retryable: true };
      }
      const reason = idle.why() ?? describeNetworkFailure(caught);
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
    // Stryker disable next-line OptionalChaining: every test passes a logger; the line itself is asserted
    deps.logger?.warn('apimart: download retry', {
      code: result.error.code,
      cause: result.error.detail.serverMessage ?? result.error.message,
      attempt: attemptIndex + 1,
    });
    try {
      await sleep(backoffDelay(attemptIndex, retry, random), options.signal);
    } catch {
      throw apiErrors.cancelled();
    }
  }
}
