import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../system/atomic-file';
import { z } from 'zod';
import { inputSchemaSchema } from '../../../shared/catalog/input-schema';

const cacheSchema = z.object({
  /** The last listing's video candidates, and when it was read. */
  listing: z
    .object({ ids: z.array(z.string().max(200)).max(5000), readAt: z.string() })
    .nullable()
    .default(null),
  /** Schemas by model id, with when each was read. */
  schemas: z.record(z.string(), z.object({ schema: inputSchemaSchema, checkedAt: z.string() })).default({}),
  /** Ids whose schema request said they have no video operation, with when. */
  notVideo: z.record(z.string(), z.string()).default({}),
  /** Ids APIMart answered `model_not_found` for, with when. */
  unavailable: z.record(z.string(), z.string()).default({}),
});

/** What is remembered of APIMart's models between runs (`models.json` in the data folder). */
export type ModelCache = z.infer<typeof cacheSchema>;

/** An empty cache: nothing read yet. */
export const emptyCache = (): ModelCache => ({ listing: null, schemas: {}, notVideo: {}, unavailable: {} });

/** Reads the cache; a missing or damaged file is an empty cache (it is only a cache: the snapshot still works). */
export async function readModelCache(file: string): Promise<ModelCache> {
  try {
    const parsed = cacheSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : emptyCache();
  } catch {
    return emptyCache();
  }
}

/** Writes the cache atomically: another Reelbench process reading it sees the old file or the new one. */
export async function writeModelCache(file: string, cache: ModelCache): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomically(file, `${JSON.stringify(cache, null, 2)}\n`);
}
