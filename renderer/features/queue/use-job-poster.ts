import { useEffect, useState } from 'react';
import { api, unwrap } from '../../lib/bridge';

/** Poster addresses already asked for, by library item id (null: the video has no poster, or is gone). */
const known = new Map<string, string | null>();

/** The poster of the video a finished job filed, asked of the library once per video. */
export function useJobPoster(libraryItemId: string | null): string | null {
  const [poster, setPoster] = useState<string | null>(libraryItemId ? (known.get(libraryItemId) ?? null) : null);
  useEffect(() => {
    if (!libraryItemId || known.get(libraryItemId)) return undefined;
    let current = true;
    unwrap(api().library.get({ id: libraryItemId }))
      .then((item) => item.posterUrl)
      .catch(() => null)
      .then((url) => {
        known.set(libraryItemId, url);
        if (current) setPoster(url);
      });
    return () => {
      current = false;
    };
  }, [libraryItemId]);
  return poster;
}
