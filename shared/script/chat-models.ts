import { z } from 'zod';

/** A chat model on the key, with what it costs per million tokens (sent and received), when known. */
const chatModelSchema = z.object({
  id: z.string().min(1).max(200),
  /** US dollars per million prompt tokens; null when Reelbench knows no price for it. */
  inputPerMillion: z.number().min(0).nullable(),
  outputPerMillion: z.number().min(0).nullable(),
  /** The day the shipped price was seen (YYYY-MM-DD); null when there is none. */
  priceAsOf: z.string().nullable(),
});

/** A chat model. */
export type ChatModel = z.infer<typeof chatModelSchema>;

/** The chat models offered, and the one picked when the user has not chosen. */
export const chatModelListSchema = z.object({
  models: z.array(chatModelSchema),
  defaultModel: z.string().nullable(),
  /** True when APIMart could not be asked (offline, no key) and the list is what Reelbench ships. */
  offline: z.boolean(),
});

/** The chat models offered. */
export type ChatModelList = z.infer<typeof chatModelListSchema>;

/** Prices seen on APIMart's pricing page, per million tokens: defaults, not the truth (they change). */
const SHIPPED_PRICES: Readonly<Record<string, readonly [input: number, output: number]>> = {
  'gpt-4o-mini': [0.15, 0.6],
  'gpt-4o': [2.5, 10],
  'gpt-4.1-mini': [0.4, 1.6],
  'claude-sonnet-4-5': [3, 15],
  'claude-haiku-4-5': [1, 5],
  'gemini-2.5-flash': [0.3, 2.5],
  'gemini-2.5-pro': [1.25, 10],
  'deepseek-chat': [0.28, 0.42],
};
const PRICES_AS_OF = '2026-09-24';

/** The chat models Reelbench offers without asking APIMart, cheapest useful first: the default is the first listed. */
export const SHIPPED_CHAT_MODELS: readonly string[] = Object.keys(SHIPPED_PRICES);

/** A chat model id with its shipped price, if any. */
export function chatModelOf(id: string): ChatModel {
  const price = SHIPPED_PRICES[id];
  return {
    id,
    inputPerMillion: price?.[0] ?? null,
    outputPerMillion: price?.[1] ?? null,
    priceAsOf: price ? PRICES_AS_OF : null,
  };
}

/** What a number of tokens costs with a model, or null when its price is unknown. */
export function tokenCost(model: ChatModel, promptTokens: number, completionTokens: number): number | null {
  if (model.inputPerMillion === null || model.outputPerMillion === null) return null;
  const cost = (promptTokens * model.inputPerMillion + completionTokens * model.outputPerMillion) / 1_000_000;
  return Math.round(cost * 1_000_000) / 1_000_000;
}

/** Tokens a text is likely to take (about four characters each for English, fewer for CJK): for estimates only. */
export function estimateTokens(text: string): number {
  let cjk = 0;
  for (const character of text) if (/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(character)) cjk += 1;
  return Math.ceil((text.length - cjk) / 4 + cjk * 1.2);
}

/** Tokens used by one chat request, as the API reported them. */
export const tokenUsageSchema = z.object({
  promptTokens: z.number().int().min(0),
  completionTokens: z.number().int().min(0),
});

/** Token use. */
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

/** One line of the chat usage ledger. */
export const chatUsageEntrySchema = z.object({
  at: z.string(),
  model: z.string(),
  purpose: z.enum(['breakdown', 'refine']),
  ...tokenUsageSchema.shape,
  /** What it cost at the price known when it was spent; null when unknown. */
  cost: z.number().nullable(),
});

/** A chat usage entry. */
export type ChatUsageEntry = z.infer<typeof chatUsageEntrySchema>;

/** The most of a model's reference page a refinement sends (characters): enough for its prompting advice. */
export const MAX_MODEL_DOCS_CHARS = 40_000;

/** The longest rewrite a refinement may answer, in tokens. */
export const REFINE_MAX_TOKENS = 2_000;

/** What refining a prompt costs at most: the whole allowed page and prompt in, the longest answer out. */
export function refineCeiling(model: ChatModel, prompt: string): number | null {
  return tokenCost(model, Math.ceil(MAX_MODEL_DOCS_CHARS / 4) + estimateTokens(prompt) + 400, REFINE_MAX_TOKENS);
}

/** The longest script sent (about 25,000 words): longer pieces are broken down a part at a time. */
export const MAX_SCRIPT_CHARS = 150_000;
