import { JsonTooDeepError, MAX_JSON_DEPTH, parseJsonWithin } from '../../../shared/text/bounded-json';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { draftSchema, presetSchema, type Draft, type Preset } from '../../../shared/drafts/draft-models';
import type { DraftStore } from '../storage/draft-store';
import type { BoardStore } from '../storage/board-store';
import { storyboardSchema, type Storyboard } from '../../../shared/boards/board-models';
import { appError } from '../../../shared/i18n/error-text';
import { packCharacters, unpackCharacters } from './character-transfer';

/** The file format for sharing and backing up drafts and presets. */
const DRAFTS_EXPORT_SCHEMA = 'reelbench.drafts/1';
/** Larger than any real backup; anything bigger is refused unread. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const MAX_DRAFTS = 5_000;
const MAX_PRESETS = 500;
const MAX_BOARDS = 1_000;

/** What an import did. */
export interface ImportReport {
  readonly drafts: number;
  readonly presets: number;
  readonly storyboards: number;
  readonly skipped: { readonly item: string; readonly reason: string }[];
}

/**
 * The export document: drafts (not deleted), user presets and storyboards. Images stay on this machine; takes stay
 * listed (a library shared with the other machine carries the same item ids).
 */
export async function exportDrafts(store: DraftStore, boards: BoardStore, now: Date): Promise<string> {
  const drafts = store.listDrafts({ deleted: false }).map((draft) => ({ ...draft, images: [] }));
  const storyboards = await Promise.all(
    boards.list({ deleted: false }).map(async (board) => ({
      ...board,
      removed: [],
      shots: board.shots.map((shot) => ({ ...shot, images: [] })),
      // The character sheet travels whole: its reference images are inside the file.
      characters: await packCharacters(board),
    })),
  );
  return `${JSON.stringify({ schema: DRAFTS_EXPORT_SCHEMA, exportedAt: now.toISOString(), drafts, presets: store.presets(), storyboards }, null, 2)}\n`;
}

const envelopeSchema = z.object({
  schema: z.string(),
  drafts: z.array(z.unknown()).max(MAX_DRAFTS).default([]),
  presets: z.array(z.unknown()).max(MAX_PRESETS).default([]),
  storyboards: z.array(z.unknown()).max(MAX_BOARDS).default([]),
});

/** A storyboard entry with its characters' pictures as empty image paths, so the board's own schema reads it. */
function withoutPictureData(entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null || !('characters' in entry) || !Array.isArray(entry.characters))
    return entry;
  return {
    ...entry,
    characters: entry.characters.map((character: unknown) =>
      typeof character === 'object' && character !== null ? { ...character, images: [] } : character,
    ),
  };
}

const refuse = (message: string) => appError('invalidInput', 'error.drafts.importInvalid', { reason: message });

/**
 * Imports an export document. A file that is too large, not JSON, of another format or version, or shaped wrongly
 * is refused whole and changes nothing; within a valid file, individual bad entries are skipped and reported.
 * Imported drafts get new ids (so importing twice duplicates rather than overwrites) and no images.
 */
export async function importDrafts(
  store: DraftStore,
  boards: BoardStore,
  text: string,
  now: Date,
  imagesDir: string,
): Promise<ImportReport> {
  if (Buffer.byteLength(text) > MAX_IMPORT_BYTES)
    throw refuse(`it is larger than ${MAX_IMPORT_BYTES / (1024 * 1024)} MB.`);
  let json: unknown;
  try {
    json = parseJsonWithin(text);
  } catch (error) {
    throw refuse(
      error instanceof JsonTooDeepError
        ? `it is nested more than ${MAX_JSON_DEPTH} levels deep, which no drafts file is.`
        : 'it is not valid JSON.',
    );
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success)
    throw refuse(`it is not a Reelbench drafts file (${envelope.error.issues[0]?.message ?? 'wrong shape'}).`);
  if (envelope.data.schema !== DRAFTS_EXPORT_SCHEMA)
    throw refuse(`its format "${envelope.data.schema}" is not ${DRAFTS_EXPORT_SCHEMA} (made by a newer Reelbench?).`);

  const skipped: { item: string; reason: string }[] = [];
  const drafts: Draft[] = [];
  const presets: Preset[] = [];
  envelope.data.drafts.forEach((entry, index) => {
    const parsed = draftSchema.safeParse(entry);
    if (!parsed.success)
      return void skipped.push({ item: `draft ${index + 1}`, reason: parsed.error.issues[0]?.message ?? 'invalid' });
    drafts.push({ ...parsed.data, id: randomUUID(), images: [], deletedAt: null, updatedAt: now.toISOString() });
  });
  envelope.data.presets.forEach((entry, index) => {
    const parsed = presetSchema.safeParse(entry);
    if (!parsed.success || parsed.data.builtIn)
      return void skipped.push({
        item: `preset ${index + 1}`,
        reason: parsed.success ? 'built-in presets are not imported' : (parsed.error.issues[0]?.message ?? 'invalid'),
      });
    presets.push({ ...parsed.data, id: `user:${randomUUID()}` });
  });
  const storyboards: Storyboard[] = [];
  for (const [index, entry] of envelope.data.storyboards.entries()) {
    // Characters' pictures come as data, not paths: read as an empty path here, written as files below.
    const parsed = storyboardSchema.safeParse(withoutPictureData(entry));
    if (!parsed.success) {
      skipped.push({ item: `storyboard ${index + 1}`, reason: parsed.error.issues[0]?.message ?? 'invalid' });
      continue;
    }
    const board = {
      ...parsed.data,
      // New shot ids too: a shot's images are kept in a folder named by its id.
      shots: parsed.data.shots.map((shot) => ({ ...shot, id: randomUUID(), images: [] })),
    };
    storyboards.push({
      ...board,
      ...(await unpackCharacters(entry, board, imagesDir)),
      id: randomUUID(),
      removed: [],
      deletedAt: null,
      updatedAt: now.toISOString(),
    });
  }
  store.transaction(() => {
    for (const draft of drafts) store.saveDraft(draft);
    for (const preset of presets) store.savePreset(preset);
  });
  boards.transaction(() => {
    for (const board of storyboards) boards.save(board);
  });
  return { drafts: drafts.length, presets: presets.length, storyboards: storyboards.length, skipped };
}
