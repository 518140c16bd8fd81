import { useEffect } from 'react';
import type { Draft } from '../../../shared/drafts/draft-models';
import { toErrorData } from '../../lib/bridge';
import { showContextMenu } from '../../lib/context-menu';
import { useWorkbenchStore } from '../workbench/workbench-store';
import { useTranslator } from '../../i18n/use-translator';
import { useDraftsStore } from './drafts-store';
import { ErrorMessage } from '../../app/error-message';

/** The drafts list beside the workbench: search, open, new, pin, duplicate, delete (with undo). */
export function DraftsPanel() {
  const translate = useTranslator();
  const { t } = translate;
  const current = useWorkbenchStore((state) => state.draft);
  const search = useDraftsStore((state) => state.search);
  const drafts = useDraftsStore((state) => state.drafts);
  const deleted = useDraftsStore((state) => state.deleted);
  const error = useDraftsStore((state) => state.error);
  const { setSearch, load, open, togglePin, duplicate, remove, undoRemove } = useDraftsStore.getState();

  // Read again when the open draft is saved: its title and its place in the list may change.
  useEffect(() => {
    void load();
  }, [load, current?.updatedAt]);

  // One set of actions per draft, for its buttons and its context menu alike.
  const menuFor = (draft: Draft) => (event: React.MouseEvent) => {
    event.preventDefault();
    showContextMenu({
      open: { label: t('drafts.open'), run: () => open(draft.id) },
      pin: { label: draft.pinned ? t('drafts.unpin') : t('drafts.pin'), run: () => togglePin(draft) },
      duplicate: { label: t('drafts.duplicate'), run: () => duplicate(draft) },
      separator: null,
      remove: { label: t('drafts.delete'), run: () => remove(draft) },
    }).catch((caught: unknown) => useDraftsStore.setState({ error: toErrorData(caught) }));
  };

  return (
    <nav className="drafts-panel" aria-label={t('drafts.heading')} data-testid="drafts-panel">
      <h2>{t('drafts.heading')}</h2>
      <input
        type="search"
        aria-label={t('drafts.search')}
        placeholder={t('drafts.search')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <button type="button" className="primary" data-testid="draft-new" onClick={() => void open(null)}>
        {t('drafts.new')}
      </button>
      <ul>
        {drafts.map((draft) => (
          <li
            key={draft.id}
            className={draft.id === current?.id ? 'draft-item current' : 'draft-item'}
            onContextMenu={menuFor(draft)}
          >
            <button
              type="button"
              className="draft-open"
              data-testid="draft-item"
              aria-current={draft.id === current?.id ? 'true' : undefined}
              onClick={() => void open(draft.id)}
            >
              {draft.pinned ? '📌 ' : ''}
              {draft.title || t('drafts.untitled')}
            </button>
            <span className="draft-actions">
              <button type="button" onClick={() => void togglePin(draft)}>
                {draft.pinned ? t('drafts.unpin') : t('drafts.pin')}
              </button>
              <button type="button" onClick={() => void duplicate(draft)}>
                {t('drafts.duplicate')}
              </button>
              <button type="button" data-testid="draft-delete" onClick={() => void remove(draft)}>
                {t('drafts.delete')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {deleted && (
        <p role="status" className="notice">
          {t('drafts.deleted')}{' '}
          <button type="button" data-testid="draft-undo" onClick={() => void undoRemove()}>
            {t('drafts.undo')}
          </button>
        </p>
      )}
      {error && (
        <div className="notice notice-error">
          <ErrorMessage error={error} />
        </div>
      )}
    </nav>
  );
}
