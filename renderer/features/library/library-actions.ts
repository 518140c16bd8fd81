import { Columns2, Download, FolderOpen, RotateCcw, Trash2, X } from 'lucide-react';
import { useCompareStore } from '../compare';
import type { Translator } from '../../../shared/i18n/translator';
import type { LibraryItem } from '../../../shared/library/library-models';
import type { ActionList } from '../../lib/ui-actions';
import { useNoticesStore } from '../../lib/notices-store';
import { useLibraryStore } from './library-store';

/** What can be done to one video, for its detail panel's buttons and its context menu alike. */
export function libraryActions(item: LibraryItem, { t }: Translator): ActionList {
  const store = useLibraryStore.getState();
  return [
    { id: 'open', label: t('library.open'), run: () => store.select(item), menuOnly: true },
    { id: 'reveal', label: t('library.reveal'), run: () => store.reveal(item.id), icon: FolderOpen },
    { id: 'export', label: t('library.export'), run: () => store.exportItems([item.id]), icon: Download },
    item.prompt !== null && {
      id: 'reuse',
      label: t('library.reuse'),
      icon: RotateCcw,
      run: async () => {
        if (await store.reuse(item.id)) useNoticesStore.getState().notify({ text: { key: 'library.reused' } });
      },
    },
    {
      id: 'compare',
      label: t(useCompareStore.getState().picked.includes(item.id) ? 'library.uncompare' : 'library.compare'),
      run: () => useCompareStore.getState().toggle(item.id),
      icon: Columns2,
      testId: 'library-compare',
    },
    'separator',
    {
      id: 'favorite',
      label: t(item.favorite ? 'library.unfavorite' : 'library.favorite'),
      run: () => store.update(item.id, { favorite: !item.favorite }),
      menuOnly: true,
    },
    'separator',
    {
      id: 'remove',
      label: t('library.remove'),
      run: () => store.remove(item),
      tone: 'danger',
      testId: 'library-remove',
      icon: Trash2,
    },
    { id: 'close', label: t('library.close'), run: () => store.select(null), buttonOnly: true, icon: X },
  ];
}
