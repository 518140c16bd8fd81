import { readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
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

/** Opens the cache file; a missing or damaged one starts empty (it only saves uploads, it holds nothing unique). */
export async function openUploadCache(file: string): Promise<UploadCache> {
  let entries: Record<string, UploadedImage> = {};
  try {
    const parsed = fileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) entries = parsed.data.entries;
  } catch {
    // First use, or damaged: start empty.
  }
  return {
    lookup(key, now) {
      const entry = entries[key];
      return entry && entry.expiresAt - now > REUSE_MARGIN_MS ? entry : null;
    },
    async remember(key, uploaded, now) {
      const kept = Object.fromEntries(Object.entries(entries).filter(([, entry]) => entry.expiresAt > now));
      entries = { ...kept, [key]: uploaded };
      await writeFileAtomic(file, `${JSON.stringify({ entries }, null, 2)}\n`);
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
