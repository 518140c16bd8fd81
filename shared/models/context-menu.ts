import { z } from 'zod';

/** One entry of a native context menu the window asks for: an action (by id) or a separator. */
export const menuEntrySchema = z.union([
  z.object({ id: z.string().min(1).max(64), label: z.string().min(1).max(120), enabled: z.boolean().optional() }),
  z.object({ separator: z.literal(true) }),
]);

/** A context menu entry. */
export type MenuEntry = z.infer<typeof menuEntrySchema>;
