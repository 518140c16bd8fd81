import { readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { SIDECAR_SCHEMA, sidecarSchema, type Generation, type Sidecar } from '../../../shared/library/sidecar';
import { catalogText, type CatalogText } from '../../../shared/i18n/error-text';

/** A sidecar read from disk, or the reason it could not be used. */
export type SidecarRead =
  | { readonly ok: true; readonly sidecar: Sidecar }
  /** `problem`: what is wrong with it, as a sentence about "this sidecar" (English and the catalog's). */
  | { readonly ok: false; readonly problem: CatalogText };

/** Reads and checks a sidecar; damage is reported, never thrown. */
export async function readSidecar(file: string): Promise<SidecarRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return {
      ok: false,
      problem: catalogText('library.problem.sidecarUnreadable', {
        code: (error as NodeJS.ErrnoException).code ?? 'error',
      }),
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: catalogText('library.problem.sidecarNotJson', {}) };
  }
  const parsed = sidecarSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      problem: catalogText('library.problem.sidecarInvalid', {
        schema: SIDECAR_SCHEMA,
        detail: first ? `${first.path.join('.') || 'file'}: ${first.message}` : 'invalid',
      }),
    };
  }
  return { ok: true, sidecar: parsed.data };
}

/** Writes a sidecar atomically (temporary file, fsync, rename), indented for people. */
export async function writeSidecar(file: string, sidecar: Sidecar): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(sidecarSchema.parse(sidecar), null, 2)}\n`);
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
