import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Every file under `root` whose bytes contain `needle` (binary-safe, so databases and videos are searched too). */
export async function filesContaining(root: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  const wanted = Buffer.from(needle, 'utf8');
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if ((await readFile(file)).includes(wanted)) hits.push(file);
  }
  return hits;
}

/** How many files there are under `root`, so a search over an empty tree cannot pass by accident. */
export async function countFiles(root: string): Promise<number> {
  return (await readdir(root, { withFileTypes: true, recursive: true })).filter((entry) => entry.isFile()).length;
}
