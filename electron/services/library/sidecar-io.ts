import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { HOST_TAG } from '../system/process-gone';
import { syncPath } from './file-moves';
import { SIDECAR_SCHEMA, sidecarSchema, type Generation, type Sidecar } from '../../../shared/library/sidecar';
import { catalogText, type CatalogText } from '../../../shared/i18n/error-text';
import { JsonTooDeepError, MAX_JSON_DEPTH, parseJsonWithin } from '../../../shared/text/bounded-json';
import { shortenText } from '../../../shared/text/shorten';

/** A sidecar read from disk, or the reason it could not be used. */
export type SidecarRead =
  | { readonly ok: true; readonly sidecar: Sidecar }
  /** `problem`: what is wrong with it, as a sentence about "this sidecar" (English and the catalog's). */
  | { readonly ok: false; readonly problem: CatalogText };

/** The largest sidecar read: its longest fields (prompt, notes, params) fit many times over. */
const MAX_SIDECAR_BYTES = 1024 * 1024;

/** Reads and checks a sidecar; damage is reported, never thrown. */
export async function readSidecar(file: string): Promise<SidecarRead> {
  let text: string;
  try {
    // Sized before it is read: a sidecar is a few kilobytes, and a planted 2 GB one must not be loaded to find out.
    const { size } = await stat(file);
    if (size > MAX_SIDECAR_BYTES) return { ok: false, problem: catalogText('library.problem.sidecarTooLarge', {}) };
    text = await readFile(file, 'utf8');
  } catch (error) {
    return {
      ok: false,
      problem: catalogText('library.problem.sidecarUnreadable', {
        code: (error as NodeJS.ErrnoException).code ?? 'error',
      }),
    };
  }
  return sidecarFromText(text);
}

/** A sidecar's text checked as a sidecar: what is wrong with it is reported, never thrown. */
export function sidecarFromText(text: string): SidecarRead {
  let json: unknown;
  try {
    json = parseJsonWithin(text);
  } catch (error) {
    // Too deep to rewrite or copy (its id changed, say) without overflowing the stack: set aside like a damaged one.
    if (error instanceof JsonTooDeepError)
      return { ok: false, problem: catalogText('library.problem.sidecarTooDeep', { depth: MAX_JSON_DEPTH }) };
    return { ok: false, problem: catalogText('library.problem.sidecarNotJson', {}) };
  }
  const parsed = sidecarSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      problem: catalogText('library.problem.sidecarInvalid', {
        schema: SIDECAR_SCHEMA,
        // Keys come from the file: a megabyte-long one is not repeated into the message whole.
        detail: shortenText(first ? `${first.path.join('.') || 'file'}: ${first.message}` : 'invalid', 300),
      }),
    };
  }
  return { ok: true, sidecar: parsed.data };
}

/**
 * The temporary name a sidecar is written under: `clip.reelbench.json.<machine>-<pid>.reelbench-tmp`. The writer is in
 * the name, so a temporary file a killed process left behind is cleared at once, not after a minute's grace.
 */
export const sidecarTempFor = (file: string): string => `${file}.${HOST_TAG}-${process.pid}.reelbench-tmp`;

/** The machine tag and process of a sidecar's temporary file, if the name has them. */
export function sidecarTempWriter(name: string): { readonly host: string; readonly pid: number } | null {
  const match = /\.([0-9a-f]{8})-(\d+)\.reelbench-tmp$/.exec(name);
  return match ? { host: match[1] ?? '', pid: Number(match[2]) } : null;
}

/**
 * Writes a sidecar atomically (temporary file, fsync, rename, the folder synced), indented for people. Not
 * write-file-atomic, whose temporary names do not say which process wrote them.
 */
export async function writeSidecar(file: string, sidecar: Sidecar): Promise<void> {
  const text = `${JSON.stringify(sidecarSchema.parse(sidecar), null, 2)}\n`;
  const temp = sidecarTempFor(file);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncPath(path.dirname(file));
}

/** What a new sidecar is made from. */
export interface NewSidecar {
  readonly id: string;
  readonly video: string;
  readonly videoBytes: number;
  readonly title: string;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
  readonly generation: Generation | null;
  readonly appVersion: string;
}

/** A fresh sidecar with empty user fields (except the title). */
export function newSidecar(input: NewSidecar): Sidecar {
  return {
    schema: SIDECAR_SCHEMA,
    id: input.id,
    video: input.video,
    videoBytes: input.videoBytes,
    generation: input.generation,
    createdAt: input.createdAt.toISOString(),
    completedAt: input.completedAt?.toISOString() ?? null,
    appVersion: input.appVersion,
    user: { title: input.title, favorite: false, tags: [], rating: null, notes: '' },
  };
}
