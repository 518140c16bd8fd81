import { z } from 'zod';
import { VIEW_IDS } from './views';

/** Which part of the app frame is showing. */
export const viewSchema = z.enum(VIEW_IDS);

/** A top-level view of the app frame. */
export type View = z.infer<typeof viewSchema>;

/** Identity of the running app, shown in the frame and the About box. */
export const appInfoSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  platform: z.string().min(1),
  arch: z.string().min(1),
  electronVersion: z.string().nullable(),
  chromeVersion: z.string().nullable(),
});

/** Identity of the running app. */
export type AppInfo = z.infer<typeof appInfoSchema>;
