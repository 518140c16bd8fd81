import { parseJsonWithin } from '../../../shared/text/bounded-json';
import { shortenText } from '../../../shared/text/shorten';

/** What an error body says, whichever of the gateway's three shapes it came in. */
export interface ErrorBodySummary {
  readonly message: string | undefined;
  readonly code: string | undefined;
  readonly type: string | undefined;
}

/** A field's text, shortened before anything (a pattern, a person) reads it. */
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== ''
    ? shortenText(value.trim())
    : typeof value === 'number'
      ? String(value)
      : undefined;

/**
 * Reads `{ error: { message, type, code } }` (OpenAI style), `{ code, message }` and `{ success: false, message }`;
 * anything else yields no message and the caller falls back to the HTTP status text.
 */
export function summarizeErrorBody(body: string): ErrorBodySummary {
  let parsed: unknown;
  try {
    parsed = parseJsonWithin(body);
  } catch {
    return { message: undefined, code: undefined, type: undefined };
  }
  if (typeof parsed !== 'object' || parsed === null) return { message: undefined, code: undefined, type: undefined };
  const record = parsed as Record<string, unknown>;
  const nested = record['error'];
  if (typeof nested === 'object' && nested !== null) {
    const error = nested as Record<string, unknown>;
    return { message: text(error['message']), code: text(error['code']), type: text(error['type']) };
  }
  if (typeof nested === 'string') return { message: text(nested), code: text(record['code']), type: undefined };
  return { message: text(record['message']) ?? text(record['msg']), code: text(record['code']), type: undefined };
}

const BALANCE_WORDS = /insufficient|balance|quota|credit|top ?up|余额|额度|잔액/i;
/** Said of the model, somewhere after the word "model": matched once, on the text after its first mention. */
const MODEL_REFUSED_AFTER = /not (?:found|exist|support|available)|unknown|invalid|unavailable|retired/i;
const UNKNOWN_MODEL_WORDS = /(?:unknown|invalid|unsupported) model|无可用渠道|不存在/i;
const POLICY_WORDS =
  /polic|safety|moderat|inappropriate|violat|sensitive|guardrail|prohibited|not allowed|refus|blocked|nsfw|违规|敏感|정책/i;

/** A 4xx/5xx body that is really about money. */
export function mentionsBalance(summary: ErrorBodySummary): boolean {
  return BALANCE_WORDS.test(`${summary.message ?? ''} ${summary.code ?? ''} ${summary.type ?? ''}`);
}

/** A refusal that is about the model itself (renamed, retired, not routed), not the other parameters. */
export function mentionsUnknownModel(summary: ErrorBodySummary): boolean {
  const message = summary.message ?? '';
  // Not `/model.*(…)/`: tried at every "model" of a long message, that backtracks in quadratic time.
  const afterModel = message.search(/model/i);
  return (
    summary.code === 'model_not_found' ||
    UNKNOWN_MODEL_WORDS.test(message) ||
    (afterModel >= 0 && MODEL_REFUSED_AFTER.test(message.slice(afterModel + 'model'.length)))
  );
}

/** A failed task whose reason is a content-policy or safety refusal. */
export function isPolicyRefusal(reason: string | undefined): boolean {
  return reason !== undefined && POLICY_WORDS.test(reason);
}
