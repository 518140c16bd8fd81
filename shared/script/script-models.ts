import { z } from 'zod';
import { storyboardSchema } from '../boards/board-models';
import { promptDiffSchema } from '../drafts/draft-models';

/** Tokens spent by one step (a breakdown may take two requests) and what they cost, when the price is known. */
const spentTokensSchema = z.object({
  promptTokens: z.number().int().min(0),
  completionTokens: z.number().int().min(0),
  cost: z.number().nullable(),
});

/** Tokens spent. */
export type SpentTokens = z.infer<typeof spentTokensSchema>;

/** What a breakdown is likely to cost, and at most, before it is sent. */
export const chatEstimateSchema = z.object({
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
  /** Null when the chat model has no known price. */
  cost: z.number().nullable(),
  /** The ceiling: both attempts, each answer as long as it is allowed to be. */
  maxCost: z.number().nullable(),
});

/** A chat cost estimate. */
export type ChatEstimate = z.infer<typeof chatEstimateSchema>;

/** A breakdown's result: the new storyboard, or an answer that stayed invalid after the repair, with its text. */
export const breakdownOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('board'), board: storyboardSchema, usage: spentTokensSchema }),
  z.object({
    kind: z.literal('invalid'),
    raw: z.string().max(200_000),
    problems: z.array(z.string()),
    usage: spentTokensSchema,
  }),
]);

/** A breakdown's result. */
export type BreakdownOutcome = z.infer<typeof breakdownOutcomeSchema>;

/** How far the answer has been written: attempt 2 is the repair. */
export const breakdownProgressSchema = z.object({
  attempt: z.union([z.literal(1), z.literal(2)]),
  characters: z.number().int().min(0),
  shots: z.number().int().min(0),
});

/** Breakdown progress. */
export type BreakdownProgress = z.infer<typeof breakdownProgressSchema>;

/** A prompt rewritten for its model: the word diff the user accepts or rejects change by change. */
export const refineOutcomeSchema = z.object({
  original: z.string(),
  refined: z.string(),
  diff: promptDiffSchema,
  /** Whether the model's own reference page was available to follow. */
  usedDocs: z.boolean(),
  usage: spentTokensSchema,
});

/** A refinement. */
export type RefineOutcome = z.infer<typeof refineOutcomeSchema>;
