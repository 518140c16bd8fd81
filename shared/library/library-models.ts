import { z } from 'zod';
import { orientationSchema, paramsSchema } from '../catalog/video-model';
import { userFieldsSchema } from './sidecar';
import { messageRefSchema } from '../errors';

/** Item ids are UUIDs: the renderer names items only by id, and nothing else can pass for one. */
export const itemIdSchema = z.string().uuid();

/** One video as the library lists it. */
export const libraryItemSchema = z.object({
  id: itemIdSchema,
  title: z.string(),
  prompt: z.string().nullable(),
  model: z.string().nullable(),
  /** Landscape, portrait or square, from the shape it was made in. */
  aspect: orientationSchema.nullable(),
  resolution: z.string().nullable(),
  duration: z.number().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  favorite: z.boolean(),
  rating: z.number().nullable(),
  tags: z.array(z.string()),
  notes: z.string(),
  fileName: z.string(),
  bytes: z.number(),
  /** Same-origin URLs the page may load (never file://). */
  videoUrl: z.string(),
  posterUrl: z.string().nullable(),
  referenceUrl: z.string().nullable(),
  /** Its sidecar was damaged and is kept aside (`x.reelbench.damaged-<time>.json`): listed from its own record. */
  sidecarKeptAside: z.boolean().default(false),
});

/** A library item. */
export type LibraryItem = z.infer<typeof libraryItemSchema>;

/**
 * What the library itself just did, with the item: the window patches its grid from these instead of reloading.
 * Changes made outside the app (a file manager, another computer syncing the folder) still arrive as a reconcile.
 */
export const libraryItemEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('added'), item: libraryItemSchema }),
  z.object({ kind: z.literal('changed'), item: libraryItemSchema }),
  z.object({ kind: z.literal('removed'), ids: z.array(itemIdSchema) }),
]);

/** One of the library's own changes. */
export type LibraryItemEvent = z.infer<typeof libraryItemEventSchema>;

/** How to order a listing; `relevance` applies to searches (and falls back to newest without one). */
const librarySortSchema = z.enum(['newest', 'oldest', 'duration', 'title', 'relevance']);

/** A listing request: search, filters, sort and a page. */
export const libraryQuerySchema = z.object({
  search: z.string().max(500).optional(),
  sort: librarySortSchema.default('newest'),
  model: z.string().max(200).optional(),
  aspect: orientationSchema.optional(),
  favorites: z.boolean().optional(),
  tag: z.string().max(100).optional(),
  /** ISO dates, inclusive. */
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(60),
});

/** A listing request. */
export type LibraryQuery = z.input<typeof libraryQuerySchema>;

/** One page of a listing and how many items match in all. */
export const libraryPageSchema = z.object({ items: z.array(libraryItemSchema), total: z.number().int() });

/** A page of items. */
export type LibraryPage = z.infer<typeof libraryPageSchema>;

/** A change to the user's fields of one item. */
export const userFieldsPatchSchema = userFieldsSchema.partial();

/** Something the library could not index, for the user to fix. */
export const libraryProblemSchema = z.object({
  path: z.string(),
  /** In English, for logs and the CLI. */
  message: z.string(),
  /** What the window shows in its language: a sentence, and a second one when there is more to say. */
  text: messageRefSchema.optional(),
  moreText: messageRefSchema.optional(),
});

/** Something the library could not index or had to repair. */
export type LibraryProblem = z.infer<typeof libraryProblemSchema>;

/** What one reconcile pass did. */
export const reconcileReportSchema = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  cleaned: z.number().int(),
  problems: z.array(libraryProblemSchema),
});

/** A reconcile report. */
export type ReconcileReport = z.infer<typeof reconcileReportSchema>;

/** The workbench parameters that produced an item ("reuse settings"). */
export const reuseSettingsSchema = z.object({
  prompt: z.string(),
  model: z.string(),
  /** The request's parameters, in the model's own field names. */
  params: paramsSchema,
  /** The prepared reference image, as a media URL the workbench can show, if there was one. */
  referenceUrl: z.string().nullable(),
  draftId: z.string().nullable(),
  draftVersionId: z.string().nullable(),
});

/** What "reuse settings" gives the workbench. */
export type ReuseSettings = z.infer<typeof reuseSettingsSchema>;

/** How long a removed library item can be brought back ("Undo") before its files go to the OS trash. */
export const REMOVAL_UNDO_MS = 10_000;

/** Videos compared side by side: each prompt as a word diff against the first one's, and the settings that differ. */
export const libraryComparisonSchema = z.object({
  items: z.array(libraryItemSchema),
  prompts: z.array(z.array(z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() }))),
  params: z.array(z.object({ name: z.string(), values: z.array(z.string().nullable()) })),
});

/** A comparison of library items. */
export type LibraryComparison = z.infer<typeof libraryComparisonSchema>;
