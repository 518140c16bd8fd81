import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from '../system/atomic-file';
import { z } from 'zod';
import type { UploadedImage } from '../../../shared/models/apimart';
import type { ApimartClient, CallOptions } from '../apimart/apimart-client';
import type { PreparedImage } from '../../../shared/images/image-models';

/** Reuse an upload only while it has at least this long to live: a queued generation may start later. */
export const REUSE_MARGIN_MS = 2 * 60 * 60 * 1000;

const entrySchema = z.object({
  url: z.string(),
  bytes: z.number(),
  contentType: z.string(),
  uploadedAt: z.number(),
  expiresAt: z.number(),
});
const fileSchema = z.object({ entries: z.record(z.string(), entrySchema) });

/** Uploaded URLs of prepared images, keyed like the prepared files, so one image is uploaded once per 72 hours. */
export interface UploadCache {
  lookup(key: string, now: number): UploadedImage | null;
  remember(key: string, uploaded: UploadedImage, now: number): Promise<void>;
}

const writesInFlight = new Map<string, Promise<void>>();

/** The entries on disk; a missing or damaged file reads as none (it only saves uploads, it holds nothing unique). */
async function readEntries(file: string): Promise<Record<string, UploadedImage>> {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data.entries : {};
  } catch {
    return {};
  }
}

/**
 * Opens the cache file. Jobs running side by side (in this process or another) each remember their own upload: a
 * write merges with what is on disk first, so no job's entry overwrites another's.
 */
export async function openUploadCache(file: string): Promise<UploadCache> {
  let entries = await readEntries(file);
  return {
    lookup(key, now) {
      const entry = entries[key];
      return entry && entry.expiresAt - now > REUSE_MARGIN_MS ? entry : null;
    },
    remember(key, uploaded, now) {
      // One write at a time per file in this process: each reads what the one before it wrote.
      const write = (writesInFlight.get(file) ?? Promise.resolve()).then(async () => {
        const merged = { ...(await readEntries(file)), ...entries, [key]: uploaded };
        entries = Object.fromEntries(Object.entries(merged).filter(([, entry]) => entry.expiresAt > now));
        await writeFileAtomically(file, `${JSON.stringify({ entries }, null, 2)}\n`);
      });
      const settled = write.catch(() => undefined);
      writesInFlight.set(file, settled);
      void settled.then(() => {
        if (writesInFlight.get(file) === settled) writesInFlight.delete(file);
      });
      return write;
    },
  };
}

/** The URL of a prepared image on APIMart: from the cache when still fresh, otherwise uploaded and remembered. */
export async function uploadPrepared(
  client: ApimartClient,
  cache: UploadCache,
  prepared: Pick<PreparedImage, 'path' | 'key'>,
  now: () => number,
  options: CallOptions = {},
): Promise<{ readonly uploaded: UploadedImage; readonly reused: boolean }> {
  const cached = cache.lookup(prepared.key, now());
  if (cached) return { uploaded: cached, reused: true };
  const uploaded = await client.uploadImage({ path: prepared.path }, options);
  await cache.remember(prepared.key, uploaded, now());
  return { uploaded, reused: false };
}
