import path from 'node:path';
import type { AppError } from '../../../shared/errors';
import type { LibraryItem } from '../../../shared/library/library-models';
import type { CatalogRow } from '../storage/catalog-row';
import { appError } from '../../../shared/i18n/error-text';
import { stemOfVideo } from './library-paths';

/** The kinds of file the page may load for an item. */
export type MediaKind = 'video' | 'poster' | 'reference';

/** Builds a same-origin URL for an item's file (`app://reelbench/media/video/<id>` in the app). */
export type MediaUrl = (kind: MediaKind, id: string) => string;

/** The catalog row as the renderer sees it: ids and URLs, never file system paths. */
export function toLibraryItem(
  row: CatalogRow,
  mediaUrl: MediaUrl,
  keptAside: ReadonlySet<string> = new Set(),
): LibraryItem {
  return {
    id: row.id,
    title: row.title,
    prompt: row.prompt,
    model: row.model,
    aspect: row.aspect === 'landscape' || row.aspect === 'portrait' || row.aspect === 'square' ? row.aspect : null,
    resolution: row.resolution,
    duration: row.duration,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
    favorite: row.favorite,
    rating: row.rating,
    tags: [...row.tags],
    notes: row.notes,
    fileName: path.posix.basename(row.videoPath),
    bytes: row.videoSize,
    videoUrl: mediaUrl('video', row.id),
    posterUrl: row.hasPoster ? mediaUrl('poster', row.id) : null,
    referenceUrl: row.referencePath ? mediaUrl('reference', row.id) : null,
    sidecarKeptAside: keptAside.has(stemOfVideo(row.videoPath)),
  };
}

/** The error for an id the library does not (or no longer) have. */
export function itemNotFound(): AppError {
  return appError('notFound', 'error.library.itemGone');
}

/** Tags as the user meant them: trimmed, no empties, no duplicates ignoring case, first spelling kept. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    result.push(tag);
  }
  return result;
}
