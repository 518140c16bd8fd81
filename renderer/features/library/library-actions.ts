import type { LibraryItem } from '../../../shared/library/library-models';
import type { MenuEntry } from '../../../shared/models/context-menu';
import type { Translator } from '../../i18n/i18n';
import { api, unwrap } from '../../lib/bridge';
import { useLibraryStore } from './library-store';

/** What can be done to one video, from its detail panel or its context menu. */
export type LibraryAction = 'open' | 'reveal' | 'export' | 'reuse' | 'favorite' | 'remove';

/** Runs an action; answers a sentence to show when it has one. Failures are thrown for the caller to show. */
export async function runLibraryAction(action: LibraryAction, item: LibraryItem, { t }: Translator): Promise<string | null> {
  const store = useLibraryStore.getState();
  switch (action) {
    case 'open':
      store.select(item);
      return null;
    case 'reveal':
      await unwrap(api().library.reveal({ id: item.id }));
      return null;
    case 'export':
      await unwrap(api().library.export({ ids: [item.id] }));
      return null;
    case 'reuse': {
      const settings = await unwrap(api().library.reuse({ id: item.id }));
      const params = { model: settings.model, duration: settings.duration, aspect: settings.aspect, resolution: settings.resolution };
      await unwrap(api().drafts.create({ prompt: settings.prompt, params }));
      return t('library.reused');
    }
    case 'favorite':
      await store.update(item.id, { favorite: !item.favorite });
      return null;
    case 'remove':
      await store.remove([item]);
      return null;
  }
}

/** The entries of a video's context menu, in the user's language. */
export function libraryMenu(item: LibraryItem, { t }: Translator): MenuEntry[] {
  return [
    { id: 'open', label: t('library.open') },
    { id: 'reveal', label: t('library.reveal') },
    { id: 'export', label: t('library.export') },
    ...(item.prompt ? [{ id: 'reuse', label: t('library.reuse') }] : []),
    { separator: true },
    { id: 'favorite', label: t(item.favorite ? 'library.unfavorite' : 'library.favorite') },
    { separator: true },
    { id: 'remove', label: t('library.remove') },
  ];
}

const ACTIONS: ReadonlySet<string> = new Set<LibraryAction>(['open', 'reveal', 'export', 'reuse', 'favorite', 'remove']);

/** Shows a video's context menu and runs what the user picks. */
export async function showLibraryMenu(item: LibraryItem, translate: Translator): Promise<string | null> {
  const { chosen } = await unwrap(api().app.contextMenu({ items: libraryMenu(item, translate) }));
  return chosen && ACTIONS.has(chosen) ? runLibraryAction(chosen as LibraryAction, item, translate) : null;
}
