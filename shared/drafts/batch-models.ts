import { z } from 'zod';
import { generationSettingsSchema } from './draft-models';

/** How a batch is described. */
export const batchSpecSchema = z.discriminatedUnion('mode', [
  /** The same draft, N times (each generation differs by chance). */
  z.object({ mode: z.literal('variations'), count: z.number().int().min(1).max(50) }),
  /** One job per non-empty line, with the draft's parameters. */
  z.object({ mode: z.literal('lines'), text: z.string().max(1_000_000) }),
  /**
   * A CSV with a `prompt` column and optional `model`, `duration`, `aspect` and `resolution` columns (put into whatever
   * fields the model uses); any other column named like a parameter of the model sets that parameter.
   */
  z.object({ mode: z.literal('csv'), text: z.string().max(1_000_000) }),
]);

/** A batch description. */
export type BatchSpec = z.infer<typeof batchSpecSchema>;

/** What a batch would do and cost, shown before anything is queued. */
export const batchPlanSchema = z.object({
  jobs: z.array(z.object({ prompt: z.string(), ...generationSettingsSchema.shape })),
  totalSeconds: z.number(),
  /** Null when a job's model has no price set. */
  estimatedCost: z.number().nullable(),
  /** Lines or rows that cannot become a job, with why. */
  skipped: z.array(z.object({ row: z.number().int(), reason: z.string() })),
});

/** A batch plan. */
export type BatchPlan = z.infer<typeof batchPlanSchema>;
