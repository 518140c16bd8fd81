import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { AppErrorData } from '../../../shared/errors';
import { errorData } from '../cli-io';

/** Turns any text leaving the server into one without a secret in it (the key, as the logger redacts it). */
export type Redact = (text: string) => string;

// Answers are bounded: an agent reads them into its context, and server text (a failure reason) can be long.
const MAX_TEXT = 4_000;

const bounded = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/** Deep-copies a value with every string passed through `redact`. */
function redactedValue(value: unknown, redact: Redact): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((entry) => redactedValue(entry, redact));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, redactedValue(entry, redact)]));
  return value;
}

const result = (redact: Redact, ok: boolean, text: string, data: Record<string, unknown>): CallToolResult => ({
  content: [{ type: 'text', text: bounded(redact(text)) }],
  structuredContent: redactedValue({ ok, ...data }, redact) as Record<string, unknown>,
});

/** A tool's answer: a short line for the model to read, and the same facts as structured content. */
export function answer(redact: Redact, text: string, data: Record<string, unknown>): CallToolResult {
  return result(redact, true, text, data);
}

/** A refusal or failure: what went wrong and the next step, marked as an error so the agent does not go on. */
export function refusal(redact: Redact, error: unknown, data: Record<string, unknown> = {}): CallToolResult {
  const { code, message, action }: AppErrorData = errorData(error);
  const text = action ? `${message} ${action}` : message;
  return {
    isError: true,
    content: [{ type: 'text', text: bounded(redact(text)) }],
    structuredContent: redactedValue(
      { ok: false, error: { code, message, ...(action ? { action } : {}) }, ...data },
      redact,
    ) as Record<string, unknown>,
  };
}

/** Runs a tool's body, turning anything it throws into a refusal (never a stack trace, never the key). */
export async function guarded(redact: Redact, body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (error) {
    return refusal(redact, error);
  }
}

/** An answer that did nothing yet and says what is needed first (a confirmation): not an error, not a success. */
export function pending(redact: Redact, text: string, data: Record<string, unknown>): CallToolResult {
  return result(redact, false, text, data);
}
