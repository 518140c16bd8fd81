import { useEffect } from 'react';
import type { Translator } from '../../i18n/i18n';
import { api } from '../../lib/bridge';
import { LibraryDetail } from './library-detail';
import { LibraryGrid } from './library-grid';
import { useLibraryStore } from './library-store';
import { LibraryToolbar } from './library-toolbar';

/** The Library screen: toolbar, virtualized grid, and the open video beside it. */
export function LibraryView({ translate }: { translate: Translator }) {
  const total = useLibraryStore((state) => state.total);
  const selected = useLibraryStore((state) => state.selected);
  const searching = useLibraryStore((state) => state.query.search.trim() !== '' || state.query.favorites);
  const error = useLibraryStore((state) => state.error);

  useEffect(() => {
    const { reload } = useLibraryStore.getState();
    void reload();
    try {
      return api().library.onChanged(() => void reload());
    } catch {
      return undefined;
    }
  }, []);

  return (
    <div className="library-view">
      <LibraryToolbar translate={translate} />
      {error && <p role="alert" className="notice notice-error">{error.message} {error.action}</p>}
      <div className="library-body">
        {total === 0 ? <p className="empty-state" data-testid="library-empty">{translate.t(searching ? 'library.noMatch' : 'library.empty')}</p> : <LibraryGrid translate={translate} />}
        {selected && <LibraryDetail item={selected} translate={translate} />}
      </div>
    </div>
  );
}
