import { parseJsonWithin } from '../../../shared/text/bounded-json';
import { mkdir, readdir, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import { writeFileAtomically } from '../system/atomic-file';
import path from 'node:path';
import { z } from 'zod';
import { pathExists } from './file-moves';
import { resolveInside } from './library-paths';
import { realFileInside, realPlaceInside } from './real-file';
import { appError } from '../../../shared/i18n/error-text';
import { itemIdSchema } from '../../../shared/library/library-models';

/** The largest manifest read: sixteen files with the longest paths fit in it. */
const MAX_MANIFEST_BYTES = 256 * 1024;

/** Where removed items wait for their undo window to pass: a dot folder, so scans and the watcher skip it. */
export const HOLD_DIR = '.reelbench-removed';

const manifestSchema = z.object({
  files: z.array(z.object({ original: z.string().max(4096), held: z.string().max(4096) })).max(16),
  /** When the item was removed (ms since 1970); older manifests go by their file's time. */
  heldAt: z.number().optional(),
});

/** A manifest as read: the library folder may come from anyone (synced, shared), so nothing in it is trusted. */
type Manifest = z.infer<typeof manifestSchema> & { readonly heldAt: number };

/** A manifest's text as a manifest, or null for anything that is not one (never thrown). */
export function manifestFromText(text: string): z.infer<typeof manifestSchema> | null {
  try {
    const parsed = manifestSchema.safeParse(parseJsonWithin(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Removed items kept, inside the library, until they go to the OS trash (so "Undo" is a rename back). */
export interface RemovalHold {
  /** Moves an item's files (paths relative to the library) into the hold. */
  hold(id: string, relatives: readonly string[]): Promise<void>;
  /**
   * Moves a held item's files back; their absolute paths, or null when it is no longer held. Refuses, moving
   * nothing, when a file has since taken one of their places (a rename would replace it).
   */
  restore(id: string): Promise<string[] | null>;
  /**
   * Sends a held item's files to the OS trash; false when it was not held (restored, or sent already). When the
   * trash refuses a file, it throws and the item stays held (nothing is deleted), for the next try.
   */
  release(id: string): Promise<boolean>;
  /** Every item in the hold (left there by a crash or a quit inside the undo window): folders named by an item id. */
  heldIds(): Promise<string[]>;
  /** How long ago the item was removed, in ms; null when it is not (or no longer) held. */
  heldFor(id: string, now: number): Promise<number | null>;
}

/** The hold of the library at `root`; `trash` moves one file to the OS trash. */
export function createRemovalHold(root: string, trash: (file: string) => Promise<void>): RemovalHold {
  const holdRoot = path.join(root, HOLD_DIR);
  const itemDir = (id: string) => path.join(holdRoot, path.basename(id));
  const manifestFile = (id: string) => path.join(itemDir(id), 'manifest.json');

  /**
   * The item's manifest, or null when there is none or it cannot be trusted: every held file must name a place inside
   * the item's own hold folder (a planted `held: "../../Documents/thesis.docx"` is refused, whole).
   */
  async function readManifest(id: string): Promise<Manifest | null> {
    if (!itemIdSchema.safeParse(id).success) return null;
    try {
      // Sized first: a planted 2 GB "manifest" is not read to find out it is not one.
      if ((await stat(manifestFile(id))).size > MAX_MANIFEST_BYTES) return null;
      const manifest = manifestFromText(await readFile(manifestFile(id), 'utf8'));
      // Stryker disable next-line ConditionalExpression: without it, reading `files` of null lands in the catch below
      if (!manifest) return null;
      if (manifest.files.some((file) => resolveInside(itemDir(id), file.held) === null)) return null;
      return { ...manifest, heldAt: manifest.heldAt ?? (await stat(manifestFile(id))).mtimeMs };
      // Stryker disable next-line BlockStatement: every caller takes undefined as it takes null
    } catch {
      return null;
    }
  }

  /**
   * A held file as it may be moved or sent to the trash: a plain file whose real path lies in the item's hold
   * folder. A planted `0 → ~/Documents` folder link (or a link anywhere on the way) fails it, not just a linked file.
   */
  async function heldFile(id: string, held: string): Promise<string | null> {
    const file = resolveInside(itemDir(id), held);
    const folder = path.join(HOLD_DIR, path.basename(id));
    return file && (await realFileInside(file, root, folder)) ? file : null;
  }

  return {
    async hold(id, relatives) {
      await mkdir(itemDir(id), { recursive: true });
      // One folder per file keeps each original name, which is what the user sees in the OS trash later.
      const files = relatives.map((original, index) => ({ original, held: `${index}/${path.basename(original)}` }));
      // The manifest first: an interrupted hold can still be put back or released file by file.
      await writeFileAtomically(manifestFile(id), JSON.stringify({ files, heldAt: Date.now() }));
      for (const file of files) {
        // Only the library's own files are moved, and only into the hold: no link on either path is followed.
        const source = resolveInside(root, file.original);
        const target = path.join(itemDir(id), file.held);
        if (!source || !(await realFileInside(source, root))) continue;
        await mkdir(path.dirname(target), { recursive: true });
        const expected = path.join(await realpath(root), HOLD_DIR, path.basename(id), path.dirname(file.held));
        if ((await realpath(path.dirname(target))) !== expected) continue;
        await rename(source, target);
      }
    },
    async restore(id) {
      const manifest = await readManifest(id);
      if (!manifest) return null;
      const moves: { from: string; to: string }[] = [];
      for (const file of manifest.files) {
        const to = resolveInside(root, file.original);
        const from = await heldFile(id, file.held);
        if (!to || !from) continue; // already back, or never a file of ours: nothing to move
        // Refused whole, the hold kept: a rename through a linked folder would carry the file out of the library.
        if (!(await realPlaceInside(to, root)))
          throw appError('invalidInput', 'error.library.heldOutside', { name: path.basename(to) });
        moves.push({ from, to });
      }
      for (const move of moves) {
        if (await pathExists(move.to)) {
          throw appError('invalidInput', 'error.library.occupied', { name: path.basename(move.to) });
        }
      }
      for (const move of moves) {
        await mkdir(path.dirname(move.to), { recursive: true });
        await rename(move.from, move.to);
      }
      await rm(itemDir(id), { recursive: true, force: true });
      return moves.map((move) => move.to);
    },
    async release(id) {
      const manifest = await readManifest(id);
      if (!manifest) return false;
      for (const file of manifest.files) {
        // Absent: sent by an earlier, interrupted try. A link or a folder is left where it is, untouched.
        const held = await heldFile(id, file.held);
        if (held) await trash(held);
      }
      await rm(itemDir(id), { recursive: true, force: true });
      return true;
    },
    async heldIds() {
      // Stryker disable next-line ArrayDeclaration: a made-up name is no item id, and the filter drops it
      const names = await readdir(holdRoot).catch(() => []);
      return names.filter((name) => itemIdSchema.safeParse(name).success);
    },
    async heldFor(id, now) {
      const manifest = await readManifest(id);
      return manifest ? Math.max(0, now - manifest.heldAt) : null;
    },
  };
}
