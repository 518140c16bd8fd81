import { readFile, stat } from 'node:fs/promises';
import { writeFileAtomically } from '../system/atomic-file';
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

/** Writes a sidecar atomically (its writer named in the temporary file), indented for people. */
export async function writeSidecar(file: string, sidecar: Sidecar): Promise<void> {
  await writeFileAtomically(file, `${JSON.stringify(sidecarSchema.parse(sidecar), null, 2)}\n`);
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
