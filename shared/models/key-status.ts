import { z } from 'zod';

/** What the window may know about the API key: whether there is one, its last 4 characters, where it comes from. */
export const keyStatusSchema = z.object({
  present: z.boolean(),
  hint: z.string().max(4).nullable(),
  /** `environment` when REELBENCH_API_KEY overrides the keychain. */
  source: z.enum(['keychain', 'environment']).nullable(),
});

/** Whether a key is set, and a hint. Never the key. */
export type KeyStatus = z.infer<typeof keyStatusSchema>;

/** The account balance as `key.test` reports it. */
export const balanceSchema = z.object({
  remaining: z.number().nullable(),
  used: z.number(),
  unlimited: z.boolean(),
});
