import { z } from 'zod';
import { imageInspectionSchema, imageTargetSchema, preparedImageSchema, prepareOptionsSchema } from '../images/image-models';
import { appInfoSchema, viewSchema } from '../models/app-info';
import { balanceSchema, keyStatusSchema } from '../models/key-status';
import { settingsPatchSchema, settingsSchema } from '../models/settings';

/**
 * The one IPC contract. Every renderer→main call (`invoke`) and main→renderer event (`events`) is declared here,
 * named `domain.verb`. The main-side router, the preload bridge and the renderer's client are all derived from
 * this object; nothing lists channels by hand anywhere else.
 */
export const contract = {
  invoke: {
    'app.info': { request: z.undefined(), response: appInfoSchema },
    // There is deliberately no channel that returns the key itself.
    'key.status': { request: z.undefined(), response: keyStatusSchema },
    'key.set': { request: z.object({ value: z.string().max(10_000) }), response: keyStatusSchema },
    'key.clear': { request: z.undefined(), response: keyStatusSchema },
    'key.test': { request: z.undefined(), response: balanceSchema },
    'settings.get': { request: z.undefined(), response: settingsSchema },
    'settings.update': { request: settingsPatchSchema, response: settingsSchema },
    'images.inspect': {
      request: z.object({ path: z.string().min(1).max(4096), target: imageTargetSchema.optional() }),
      response: imageInspectionSchema,
    },
    'images.prepare': {
      request: prepareOptionsSchema.extend({ path: z.string().min(1).max(4096) }),
      response: preparedImageSchema.extend({ preview: z.string() }),
    },
  },
  events: {
    'app.navigate': { payload: z.object({ view: viewSchema }) },
  },
} as const;

/** The contract's type; the renderer imports this (type-only), never the schemas. */
export type Contract = typeof contract;
