import { useEffect } from 'react';
import { showActionMenu } from '../../lib/ui-actions';
import { ActionButtons } from '../../app/action-buttons';
import { useNoticesStore } from '../shell/notices-store';
import { draftActions } from './draft-actions';
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
  const error = useDraftsStore((state) => state.error);
  const { setSearch, load, open } = useDraftsStore.getState();

  // Read again when the open draft is saved: its title and its place in the list may change.
  useEffect(() => {
    void load();
  }, [load, current?.updatedAt]);

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
            onContextMenu={(event) => {
              event.preventDefault();
              showActionMenu(draftActions(draft, translate)).catch(useNoticesStore.getState().fail);
            }}
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
              <ActionButtons actions={draftActions(draft, translate)} />
            </span>
          </li>
        ))}
      </ul>
      {error && (
        <div className="notice notice-error">
          <ErrorMessage error={error} />
        </div>
      )}
    </nav>
  );
}
