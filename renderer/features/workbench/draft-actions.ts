import { Copy, Pin, PinOff, Trash2 } from 'lucide-react';
import type { Draft } from '../../../shared/drafts/draft-models';
import type { Translator } from '../../../shared/i18n/translator';
import type { ActionList } from '../../lib/ui-actions';
import { useDraftsStore } from './drafts-store';

/** What can be done to a draft, for its row's buttons and its context menu alike. */
export function draftActions(draft: Draft, { t }: Translator): ActionList {
  const { open, togglePin, duplicate, remove } = useDraftsStore.getState();
  return [
    { id: 'open', label: t('drafts.open'), run: () => open(draft.id), menuOnly: true },
    {
      id: 'pin',
      label: draft.pinned ? t('drafts.unpin') : t('drafts.pin'),
      run: () => togglePin(draft),
      icon: draft.pinned ? PinOff : Pin,
    },
    { id: 'duplicate', label: t('drafts.duplicate'), run: () => duplicate(draft), icon: Copy },
    'separator',
    { id: 'remove', label: t('drafts.delete'), run: () => remove(draft), testId: 'draft-delete', icon: Trash2 },
  ];
}
