import { useEffect, useState } from 'react';
import type { Draft } from '../../../shared/drafts/draft-models';
import type { Translator } from '../../i18n/i18n';
import { api, toErrorData, unwrap } from '../../lib/bridge';
import { showContextMenu } from '../../lib/context-menu';
import { useWorkbenchStore } from '../workbench/workbench-store';

/** The drafts list beside the workbench: search, open, new, pin, duplicate, delete (with undo). */
export function DraftsPanel({ translate }: { translate: Translator }) {
  const { t } = translate;
  const current = useWorkbenchStore((state) => state.draft);
  const [search, setSearch] = useState('');
  const [drafts, setDrafts] = useState<readonly Draft[]>([]);
  const [deleted, setDeleted] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  // Reload when the search changes, when the open draft is saved (its title and order may change), and after
  // an action here.
  useEffect(() => {
    let cancelled = false;
    unwrap(api().drafts.list(search.trim() ? { search } : {})).then(
      (list) => !cancelled && setDrafts(list),
      (caught: unknown) => !cancelled && setError(toErrorData(caught).message),
    );
    return () => {
      cancelled = true;
    };
  }, [search, current?.updatedAt, tick]);

  const act = (work: () => Promise<unknown>) => () =>
    void work().then(
      () => setTick((value) => value + 1),
      (caught: unknown) => setError(toErrorData(caught).message),
    );
  const { openDraft } = useWorkbenchStore.getState();
  // One set of actions per draft, for its buttons and its context menu alike.
  const actionsFor = (draft: Draft) => ({
    open: () => openDraft(draft.id),
    pin: () => unwrap(api().drafts.update({ id: draft.id, patch: { pinned: !draft.pinned } })),
    duplicate: () => unwrap(api().drafts.duplicate({ id: draft.id })),
    remove: async () => {
      setDeleted(await unwrap(api().drafts.remove({ id: draft.id })));
      if (draft.id === current?.id) await openDraft(null);
    },
  });
  const menuFor = (draft: Draft) => (event: React.MouseEvent) => {
    event.preventDefault();
    const actions = actionsFor(draft);
    showContextMenu({
      open: { label: t('drafts.open'), run: act(actions.open) },
      pin: { label: draft.pinned ? t('drafts.unpin') : t('drafts.pin'), run: act(actions.pin) },
      duplicate: { label: t('drafts.duplicate'), run: act(actions.duplicate) },
      separator: null,
      remove: { label: t('drafts.delete'), run: act(actions.remove) },
    }).catch((caught: unknown) => setError(toErrorData(caught).message));
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
      <button type="button" className="primary" data-testid="draft-new" onClick={act(() => openDraft(null))}>
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
              onClick={act(actionsFor(draft).open)}
            >
              {draft.pinned ? '📌 ' : ''}
              {draft.title || t('drafts.untitled')}
            </button>
            <span className="draft-actions">
              <button type="button" onClick={act(actionsFor(draft).pin)}>
                {draft.pinned ? t('drafts.unpin') : t('drafts.pin')}
              </button>
              <button type="button" onClick={act(actionsFor(draft).duplicate)}>
                {t('drafts.duplicate')}
              </button>
              <button type="button" data-testid="draft-delete" onClick={act(actionsFor(draft).remove)}>
                {t('drafts.delete')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {deleted && (
        <p role="status" className="notice">
          {t('drafts.deleted')}{' '}
          <button
            type="button"
            data-testid="draft-undo"
            onClick={act(async () => {
              await unwrap(api().drafts.undoRemove({ id: deleted.id }));
              setDeleted(null);
            })}
          >
            {t('drafts.undo')}
          </button>
        </p>
      )}
      {error && (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      )}
    </nav>
  );
}
