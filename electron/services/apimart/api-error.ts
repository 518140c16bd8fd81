import { AppError, type ErrorCode } from '../../../shared/errors';

/** Diagnostic detail kept with an API error for the log; never shown to the user. */
export interface ApiErrorDetail {
  readonly status?: number | undefined;
  /** Milliseconds the server asked us to wait (429 Retry-After). */
  readonly retryAfterMs?: number | undefined;
  /** The response body, with the API key redacted, for diagnosing `malformed` answers. */
  readonly rawBody?: string | undefined;
  readonly serverMessage?: string | undefined;
  /** For network failures: whether the request may have reached the server (matters for the billed POST). */
  readonly maybeSent?: boolean | undefined;
}

/** An error from talking to APIMart: a code the UI and CLI branch on, a sentence and a next step. */
export class ApiError extends AppError {
  readonly detail: ApiErrorDetail;

  constructor(code: ErrorCode, message: string, action: string | undefined, detail: ApiErrorDetail = {}) {
    super(code, message, action);
    this.name = 'ApiError';
    this.detail = detail;
  }
}

const withReason = (base: string, reason: string | undefined) => (reason ? `${base}: ${reason}` : `${base}.`);

/** The typed errors, each with its human message and next step. */
export const apiErrors = {
  noKey: () => new ApiError('noKey', 'No APIMart API key is set.', 'Add your key in Settings → API key.'),
  auth: (detail?: ApiErrorDetail) =>
    new ApiError(
      'auth',
      'This key was rejected by APIMart.',
      'Check the key in Settings → API key, or create a new one in your APIMart dashboard.',
      detail,
    ),
  insufficientBalance: (detail?: ApiErrorDetail) =>
    new ApiError(
      'insufficientBalance',
      'Your APIMart balance is too low for this.',
      'Top up your balance on APIMart, then try again.',
      detail,
    ),
  rateLimited: (detail: ApiErrorDetail) => {
    const wait =
      detail.retryAfterMs !== undefined
        ? ` Wait about ${Math.max(1, Math.ceil(detail.retryAfterMs / 1000))} s`
        : ' Wait a moment';
    return new ApiError(
      'rateLimited',
      'APIMart is limiting how fast requests can be made.',
      `${wait.trim()}, then try again.`,
      detail,
    );
  },
  invalidRequest: (detail: ApiErrorDetail) =>
    new ApiError(
      'invalidRequest',
      withReason('APIMart refused the request', detail.serverMessage),
      'Check the prompt and the generation settings.',
      detail,
    ),
  unknownModel: (model: string, detail: ApiErrorDetail) =>
    new ApiError(
      'unknownModel',
      `APIMart does not offer the model "${model}" (any more).`,
      'Choose another model in the model setting; APIMart may have renamed or retired this one.',
      detail,
    ),
  server: (detail: ApiErrorDetail) =>
    new ApiError(
      'server',
      `APIMart had a problem on its side${detail.status ? ` (HTTP ${detail.status})` : ''}.`,
      'Try again in a few minutes.',
      detail,
    ),
  network: (cause?: string, maybeSent = true) =>
    new ApiError(
      'network',
      'Reelbench could not reach APIMart.',
      'Check your internet connection, VPN or proxy, then try again.',
      {
        serverMessage: cause,
        maybeSent,
      },
    ),
  timeout: (seconds: number) =>
    new ApiError(
      'timeout',
      `APIMart did not answer within ${seconds} s.`,
      'Check your connection and try again; the service may be busy.',
    ),
  cancelled: () => new ApiError('cancelled', 'The request was cancelled.', undefined),
  contentPolicy: (reason: string | undefined) =>
    new ApiError(
      'contentPolicy',
      withReason('APIMart refused this under its content policy', reason),
      'Rephrase the prompt or use a different reference image.',
      {
        serverMessage: reason,
      },
    ),
  expired: (detail?: ApiErrorDetail) =>
    new ApiError(
      'expired',
      'The download link for this video has expired.',
      'Generated videos must be downloaded within about 24 hours; generate it again.',
      detail,
    ),
  diskFull: () =>
    new ApiError(
      'diskFull',
      'The disk holding the library is full.',
      'Free some space; the download continues where it stopped.',
    ),
  malformed: (what: string, detail: ApiErrorDetail) =>
    new ApiError(
      'malformed',
      `APIMart sent an answer Reelbench could not understand (${what}).`,
      'Try again. If it keeps happening, the log has the raw answer.',
      detail,
    ),
} as const;
