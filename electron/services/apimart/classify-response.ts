import { apiErrors, type ApiError } from './api-error';
import { mentionsBalance, mentionsUnknownModel, summarizeErrorBody } from './error-body';
import { parseRetryAfter } from './retry-policy';

/** What the request was about, so a refusal can be explained in its terms. */
export interface RequestContext {
  readonly model?: string | undefined;
}

/** Turns a non-2xx answer into a typed error. `body` must already have the key redacted. */
export function classifyErrorResponse(
  status: number,
  statusText: string,
  body: string,
  headers: Headers,
  context: RequestContext,
  now: number,
): ApiError {
  const summary = summarizeErrorBody(body);
  const detail = { status, rawBody: body, serverMessage: summary.message ?? (statusText || undefined) };

  if (status === 401) return apiErrors.auth(detail);
  if (status === 402 || ((status === 400 || status === 403) && mentionsBalance(summary)))
    return apiErrors.insufficientBalance(detail);
  if (status === 403) return apiErrors.auth(detail);
  if (status === 429)
    return apiErrors.rateLimited({ ...detail, retryAfterMs: parseRetryAfter(headers.get('retry-after'), now) });
  if (
    context.model !== undefined &&
    (status === 400 || status === 404 || status === 503) &&
    mentionsUnknownModel(summary)
  ) {
    return apiErrors.unknownModel(context.model, detail);
  }
  if (status >= 500) return apiErrors.server(detail);
  return apiErrors.invalidRequest(detail);
}
