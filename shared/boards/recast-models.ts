import { z } from 'zod';
import { paramsSchema } from '../catalog/video-model';
import { RESOLUTION_CLASSES } from '../intent/intent-models';

/**
 * Which model each shot is recast onto: one for the whole board (optionally at a sharpness every shot is raised or
 * lowered to, as "best quality within $X" suggests), or one per shot (by shot id).
 */
export const recastTargetSchema = z.union([
  z.object({ model: z.string().min(1).max(200), resolution: z.enum(RESOLUTION_CLASSES).optional() }),
  z.object({ perShot: z.record(z.string().uuid(), z.string().min(1).max(200)) }),
]);

/** A recast target. */
export type RecastTarget = z.infer<typeof recastTargetSchema>;

/** A shot's request on one model, as it would be sent, with what it makes and costs. */
const recastRequestSchema = z.object({
  model: z.string(),
  modelLabel: z.string(),
  prompt: z.string(),
  params: paramsSchema,
  /** The roles of the images it sends, in order. */
  images: z.array(z.enum(['first', 'last', 'reference'])),
  seconds: z.number(),
  /** Null when the model has no price. */
  cost: z.number().nullable(),
});

/** A request in a recast table. */
export type RecastRequest = z.infer<typeof recastRequestSchema>;

/** One shot of a recast: its request now and on the new model, what changed and why, or why it cannot be sent. */
export const recastRowSchema = z.object({
  shotId: z.string().uuid(),
  index: z.number().int().min(0),
  before: recastRequestSchema,
  /** Null when the new model cannot make it (the reason is in `blocked`). */
  after: recastRequestSchema.nullable(),
  changes: z.array(z.object({ what: z.string(), from: z.string(), to: z.string().nullable(), why: z.string() })),
  blocked: z.string().nullable(),
});

/** A recast row. */
export type RecastRow = z.infer<typeof recastRowSchema>;

/** The side-by-side table "Recast onto…" shows before anything is changed or billed. */
export const recastPlanSchema = z.object({
  boardId: z.string().uuid(),
  rows: z.array(recastRowSchema),
  /** What the shots cost on their models now and after, over the rows that can be sent (null: a price unknown). */
  totalBefore: z.number().nullable(),
  totalAfter: z.number().nullable(),
});

/** A recast plan. */
export type RecastPlan = z.infer<typeof recastPlanSchema>;

/** A model suggested for a recast, with what the whole board costs on it and the sharpness its weakest shot gets. */
const recastSuggestionSchema = z.object({
  model: z.string(),
  modelLabel: z.string(),
  total: z.number(),
  resolution: z.enum(['draft', 'hd', 'full-hd', '4k']).nullable(),
});

/** "Cheapest that fits" and "best quality within $X", from prices and each model's offers. */
export const recastSuggestionsSchema = z.object({
  cheapest: recastSuggestionSchema.nullable(),
  best: recastSuggestionSchema.nullable(),
  /** The budget the best was chosen within (null: none given). */
  budget: z.number().nullable(),
});

/** Recast suggestions. */
export type RecastSuggestions = z.infer<typeof recastSuggestionsSchema>;
