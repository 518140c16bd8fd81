import { useEffect } from 'react';
import { listen } from '../../lib/bridge';
import { LibraryDetail } from './library-detail';
import { LibraryGrid } from './library-grid';
import { LibraryProblems } from './library-problems';
import { useLibraryStore } from './library-store';
import { LibraryToolbar } from './library-toolbar';
import { useTranslator } from '../../i18n/use-translator';
import { ErrorMessage } from '../../app/error-message';

/** The Library screen: toolbar, virtualized grid, and the open video beside it. */
export function LibraryView() {
  const translate = useTranslator();
  const total = useLibraryStore((state) => state.total);
  const selected = useLibraryStore((state) => state.selected);
  const searching = useLibraryStore((state) => state.query.search.trim() !== '' || state.query.favorites);
  const error = useLibraryStore((state) => state.error);
  const removed = useLibraryStore((state) => state.removed);

  // Ctrl/Cmd+Z brings back what was just removed, unless a text field wants the shortcut for itself.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z' || event.shiftKey) return;
      if (target?.closest('input, textarea, [contenteditable="true"]') || !useLibraryStore.getState().removed) return;
      event.preventDefault();
      void useLibraryStore.getState().undoRemove();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

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
      {error && (
        <div className="notice notice-error">
          <ErrorMessage error={error} />
        </div>
      )}
      <LibraryProblems />
      {removed && (
        <p role="status" className="notice" data-testid="library-removed">
          {translate.t('library.removed', { title: removed.title })}{' '}
          <button
            type="button"
            data-testid="library-undo-remove"
            onClick={() => void useLibraryStore.getState().undoRemove()}
          >
            {translate.t('library.undo')}
          </button>
        </p>
      )}
      <div className="library-body">
        {total === 0 ? (
          <p className="empty-state" data-testid="library-empty">
            {translate.t(searching ? 'library.noMatch' : 'library.empty')}
          </p>
        ) : (
          <LibraryGrid />
        )}
        {selected && <LibraryDetail item={selected} />}
      </div>
    </div>
  );
}
