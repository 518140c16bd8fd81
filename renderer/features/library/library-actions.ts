import type { LibraryItem } from '../../../shared/library/library-models';
import type { Translator } from '../../../shared/i18n/translator';
import { api, unwrap } from '../../lib/bridge';
import { showContextMenu, type MenuAction } from '../../lib/context-menu';
import { useLibraryStore } from './library-store';

/** What can be done to one video, from its detail panel or its context menu. */
export type LibraryAction = 'open' | 'reveal' | 'export' | 'reuse' | 'favorite' | 'remove';

/** Runs an action; answers a sentence to show when it has one. Failures are thrown for the caller to show. */
export async function runLibraryAction(
  action: LibraryAction,
  item: LibraryItem,
  { t }: Translator,
): Promise<string | null> {
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
      const params = {
        model: settings.model,
        duration: settings.duration,
        aspect: settings.aspect,
        resolution: settings.resolution,
      };
      await unwrap(api().drafts.create({ prompt: settings.prompt, params }));
      return t('library.reused');
    }
    case 'favorite':
      await store.update(item.id, { favorite: !item.favorite });
      return null;
    case 'remove':
      await store.remove(item);
      return null;
  }
}

/** Shows a video's context menu and runs what the user picks; answers the sentence the action gave, if any. */
export async function showLibraryMenu(item: LibraryItem, translate: Translator): Promise<string | null> {
  const { t } = translate;
  let said: string | null = null;
  const action = (name: LibraryAction, label: string): MenuAction => ({
    label,
    run: async () => (said = await runLibraryAction(name, item, translate)),
  });
  await showContextMenu({
    open: action('open', t('library.open')),
    reveal: action('reveal', t('library.reveal')),
    export: action('export', t('library.export')),
    ...(item.prompt ? { reuse: action('reuse', t('library.reuse')) } : {}),
    separator1: null,
    favorite: action('favorite', t(item.favorite ? 'library.unfavorite' : 'library.favorite')),
    separator2: null,
    remove: action('remove', t('library.remove')),
  });
  return said;
}
