import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** SHA-256 of a file's bytes, streamed so a 100 MB image costs no memory. */
async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A stable key for a set of values (the input's hash and every parameter that changes the output). */
export function keyOf(parts: Readonly<Record<string, unknown>>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);
}

/** Content hashes of files already read this session, by path, size and modification time. */
export type HashMemo = Map<string, string>;

/** What identifies an unchanged file in the memo. */
export function memoKeyOf(file: string, identity: { size: number; mtimeMs: number }): string {
  return `${file}\u0000${identity.size}\u0000${identity.mtimeMs}`;
}

/** The content hash, from the memo when the file is unchanged since it was last hashed. */
export async function memoizedHash(
  file: string,
  identity: { size: number; mtimeMs: number },
  memo: HashMemo,
): Promise<string> {
  const memoKey = memoKeyOf(file, identity);
  const known = memo.get(memoKey);
  if (known) return known;
  const hash = await hashFile(file);
  memo.set(memoKey, hash);
  return hash;
}
