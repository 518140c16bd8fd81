import { AppError, type ErrorCode, type MessageRef } from '../../../shared/errors';
import { catalogText } from '../../../shared/i18n/error-text';
import type { MessageKey, MessageParams } from '../../../shared/i18n/message-types';

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

  constructor(
    code: ErrorCode,
    message: string,
    action: string | undefined,
    detail: ApiErrorDetail = {},
    text?: MessageRef,
  ) {
    super(code, message, action, text);
    this.name = 'ApiError';
    this.detail = detail;
  }
}

/** An API error worded by the catalog (`key`, and `key.action` as the next step). */
function apiError<K extends MessageKey>(
  code: ErrorCode,
  key: K,
  params: MessageParams<K>,
  detail: ApiErrorDetail = {},
): ApiError {
  const { message, action, text } = catalogText(key, params);
  return new ApiError(code, message, action, detail, text);
}

/** The typed errors, each with its message and next step from the catalog. */
export const apiErrors = {
  noKey: () => apiError('noKey', 'error.noKey', {}),
  auth: (detail?: ApiErrorDetail) => apiError('auth', 'error.auth', {}, detail),
  insufficientBalance: (detail?: ApiErrorDetail) =>
    apiError('insufficientBalance', 'error.insufficientBalance', {}, detail),
  rateLimited: (detail: ApiErrorDetail) =>
    detail.retryAfterMs !== undefined
      ? apiError(
          'rateLimited',
          'error.rateLimitedFor',
          { seconds: Math.max(1, Math.ceil(detail.retryAfterMs / 1000)) },
          detail,
        )
      : apiError('rateLimited', 'error.rateLimited', {}, detail),
  invalidRequest: (detail: ApiErrorDetail) =>
    detail.serverMessage
      ? apiError('invalidRequest', 'error.invalidRequestBecause', { reason: detail.serverMessage }, detail)
      : apiError('invalidRequest', 'error.invalidRequest', {}, detail),
  unknownModel: (model: string, detail: ApiErrorDetail) =>
    apiError('unknownModel', 'error.unknownModel', { model }, detail),
  server: (detail: ApiErrorDetail) =>
    detail.status
      ? apiError('server', 'error.serverStatus', { status: String(detail.status) }, detail)
      : apiError('server', 'error.server', {}, detail),
  network: (cause?: string, maybeSent = true) =>
    apiError('network', 'error.network', {}, { serverMessage: cause, maybeSent }),
  timeout: (seconds: number) => apiError('timeout', 'error.timeout', { seconds }),
  cancelled: () => apiError('cancelled', 'error.cancelled', {}),
  contentPolicy: (reason: string | undefined) =>
    reason
      ? apiError('contentPolicy', 'error.contentPolicyBecause', { reason }, { serverMessage: reason })
      : apiError('contentPolicy', 'error.contentPolicy', {}, { serverMessage: reason }),
  expired: (detail?: ApiErrorDetail) => apiError('expired', 'error.expired', {}, detail),
  diskFull: () => apiError('diskFull', 'error.diskFull', {}),
  malformed: (what: string, detail: ApiErrorDetail) => apiError('malformed', 'error.malformed', { what }, detail),
  /** A video link (or a redirect) that leads into the user's own network: never followed. */
  localLink: (host: string) => apiError('malformed', 'error.localLink', { host }, { serverMessage: host }),
  /** A streamed chat answer that stopped before its end (the connection dropped, the server gave up). */
  chatCut: () => apiError('network', 'error.chat.cut', {}),
  /** A chat model that declined to answer (a refusal, a content filter). */
  chatRefused: (reason: string) =>
    apiError('contentPolicy', 'error.chat.refused', { reason }, { serverMessage: reason }),
} as const;
