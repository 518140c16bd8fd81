import { parseJsonWithin } from '../../../shared/text/bounded-json';
import { z } from 'zod';
import type { TokenUsage } from '../../../shared/script/chat-models';

/** A chat answer as it was read: its text, why it ended, what it used, and a refusal when the model gave one. */
export interface ChatAnswer {
  readonly text: string;
  /** `stop`, `length`, `content_filter`…; null when the stream ended without saying (cut off). */
  readonly finishReason: string | null;
  /** What the API reported; null when it reported nothing. */
  readonly usage: TokenUsage | null;
  readonly refusal: string | null;
  /** Whether a streamed answer ended with `data: [DONE]` (or a finish reason): false means it was cut. */
  readonly complete: boolean;
}

const usageSchema = z
  .object({ prompt_tokens: z.number().int().min(0), completion_tokens: z.number().int().min(0) })
  .nullish();
const choiceSchema = z.object({
  delta: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }).nullish(),
  message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }).nullish(),
  finish_reason: z.string().nullish(),
});
const chunkSchema = z.object({ choices: z.array(choiceSchema).default([]), usage: usageSchema });

/**
 * Reads an OpenAI-compatible chat answer, streamed (`data: {…}` events ending `data: [DONE]`) or whole. Fed the
 * text as it arrives, it reports the new content at once, so the window can show the answer being written.
 */
export function createChatReader(onDelta?: (content: string) => void) {
  let pending = '';
  let text = '';
  let refusal = '';
  let finishReason: string | null = null;
  let usage: TokenUsage | null = null;
  let done = false;
  let sawEvent = false;

  const take = (json: unknown) => {
    const parsed = chunkSchema.safeParse(json);
    if (!parsed.success) return;
    if (parsed.data.usage)
      usage = { promptTokens: parsed.data.usage.prompt_tokens, completionTokens: parsed.data.usage.completion_tokens };
    for (const choice of parsed.data.choices) {
      const part = choice.delta ?? choice.message;
      if (part?.content) {
        text += part.content;
        onDelta?.(part.content);
      }
      if (part?.refusal) refusal += part.refusal;
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  };
  const line = (raw: string) => {
    const trimmed = raw.trim();
    if (!trimmed.startsWith('data:')) return;
    sawEvent = true;
    const data = trimmed.slice('data:'.length).trim();
    if (data === '[DONE]') {
      done = true;
      return;
    }
    try {
      take(parseJsonWithin(data));
    } catch {
      // A broken event is skipped; a stream that ends without [DONE] is reported as cut.
    }
  };

  return {
    feed(chunk: string) {
      pending += chunk;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const entry of lines) line(entry);
    },
    /** The answer, once the body has ended; `whole` is the body, read as one JSON object when it was not a stream. */
    finish(whole: string): ChatAnswer {
      if (pending !== '') line(pending);
      pending = '';
      if (!sawEvent) {
        try {
          take(parseJsonWithin(whole));
          return { text, finishReason, usage, refusal: refusal || null, complete: true };
        } catch {
          return { text, finishReason, usage, refusal: refusal || null, complete: false };
        }
      }
      return { text, finishReason, usage, refusal: refusal || null, complete: done || finishReason !== null };
    },
  };
}
