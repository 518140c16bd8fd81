import { Clapperboard } from 'lucide-react';
import { useEffect } from 'react';
import { listen } from '../../lib/bridge';
import { LibraryDetail } from './library-detail';
import { LibraryGrid } from './library-grid';
import { LibraryProblems } from './library-problems';
import { useLibraryStore } from './library-store';
import { LibraryToolbar } from './library-toolbar';
import { useTranslator } from '../../i18n/use-translator';
import { ErrorNotice } from '../../ui/error-message';

/** The Library screen: toolbar, virtualized grid, and the open video beside it. */
export function LibraryView() {
  const translate = useTranslator();
  const total = useLibraryStore((state) => state.total);
  const selected = useLibraryStore((state) => state.selected);
  const searching = useLibraryStore((state) => state.query.search.trim() !== '' || state.query.favorites);
  const error = useLibraryStore((state) => state.error);

  useEffect(() => {
    const { reload, refresh, receive } = useLibraryStore.getState();
    void reload();
    return (
      listen((bridge) => [bridge.library.onChanged(() => void refresh()), bridge.library.onItem(receive)]) ?? undefined
    );
  }, []);

  return (
    <div className="library-view">
      <LibraryToolbar />
      <ErrorNotice error={error} />
      <LibraryProblems />
      <div className="library-body">
        {total === 0 ? (
          <div className="empty-state library-empty" data-testid="library-empty">
            <Clapperboard size={28} aria-hidden="true" />
            <p>{translate.t(searching ? 'library.noMatch' : 'library.empty')}</p>
          </div>
        ) : (
          <LibraryGrid />
        )}
        {selected && <LibraryDetail item={selected} />}
      </div>
    </div>
  );
}
