import { useMemo } from 'react';
import { useDraftsStore } from './drafts-store';

const RECENT_AT_MOST = 3;

/** The models of the drafts touched last, newest first: what a model picker offers at its top. */
export function useRecentModels(): readonly string[] {
  const drafts = useDraftsStore((state) => state.drafts);
  return useMemo(() => {
    const ids = [...drafts].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).map((draft) => draft.model);
    return [...new Set(ids)].slice(0, RECENT_AT_MOST);
  }, [drafts]);
}
