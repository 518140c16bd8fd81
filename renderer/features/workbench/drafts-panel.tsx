import { Pin, Plus } from 'lucide-react';
import { SearchField } from '../../ui/search-field';
import { useEffect } from 'react';
import { showActionMenu } from '../../lib/ui-actions';
import { ActionButtons } from '../../ui/action-buttons';
import { useNoticesStore } from '../../lib/notices-store';
import { draftActions } from './draft-actions';
import { useWorkbenchStore } from './workbench-store';
import { useTranslator } from '../../i18n/use-translator';
import { useDraftsStore } from './drafts-store';
import { ErrorNotice } from '../../ui/error-message';

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
      <div className="panel-head">
        <h2 className="section-title">{t('drafts.heading')}</h2>
        <button type="button" className="small" data-testid="draft-new" onClick={() => void open(null)}>
          <Plus size={14} aria-hidden="true" />
          {t('drafts.new')}
        </button>
      </div>
      <SearchField
        aria-label={t('drafts.search')}
        placeholder={t('drafts.search')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <ul className="scroll-panel">
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
              title={draft.title || t('drafts.untitled')}
              onClick={() => void open(draft.id)}
            >
              {draft.pinned && <Pin size={12} className="draft-pin" aria-label={t('drafts.pinned')} />}
              <span className="truncate">{draft.title || t('drafts.untitled')}</span>
            </button>
            <span className="draft-actions">
              <ActionButtons actions={draftActions(draft, translate)} compact />
            </span>
          </li>
        ))}
      </ul>
      <ErrorNotice error={error} />
    </nav>
  );
}
