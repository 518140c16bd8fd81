import { z } from 'zod';
import { appInfoSchema, viewSchema } from '../models/app-info';

/**
 * The one IPC contract. Every renderer→main call (`invoke`) and main→renderer event (`events`) is declared here,
 * named `domain.verb`. The main-side router, the preload bridge and the renderer's client are all derived from
 * this object; nothing lists channels by hand anywhere else.
 */
export const contract = {
  invoke: {
    'app.info': { request: z.undefined(), response: appInfoSchema },
  },
  events: {
    'app.navigate': { payload: z.object({ view: viewSchema }) },
  },
} as const;

/** The contract's type; the renderer imports this (type-only), never the schemas. */
export type Contract = typeof contract;
