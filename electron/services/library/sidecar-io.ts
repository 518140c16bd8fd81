import { readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { SIDECAR_SCHEMA, sidecarSchema, type Generation, type Sidecar } from '../../../shared/library/sidecar';

/** A sidecar read from disk, or the reason it could not be used. */
export type SidecarRead =
  { readonly ok: true; readonly sidecar: Sidecar } | { readonly ok: false; readonly message: string };

/** Reads and checks a sidecar; damage is reported, never thrown. */
export async function readSidecar(file: string): Promise<SidecarRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'is not valid JSON (damaged or edited by hand?)' };
  }
  const parsed = sidecarSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      message: `does not match ${SIDECAR_SCHEMA}: ${first ? `${first.path.join('.') || 'file'}: ${first.message}` : 'invalid'}`,
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
