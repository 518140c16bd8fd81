import type { PlainMessageKey } from '../i18n/message-types';

/** One top-level view of the app frame, as the navigation, the menu and their shortcuts present it. */
export interface ViewEntry<Id extends string = string> {
  readonly id: Id;
  readonly label: PlainMessageKey;
  /** The key that, with Ctrl or ⌘, shows the view (the menu's accelerator, the navigation's hint). */
  readonly shortcut: string;
}

/**
 * The frame's views, in navigation order: the one list the view schema, the navigation, the view panel and the
 * application menu (with its shortcuts) are all made from.
 */
export const VIEWS = [
  { id: 'workbench', label: 'nav.workbench', shortcut: '1' },
  { id: 'queue', label: 'nav.queue', shortcut: '2' },
  { id: 'library', label: 'nav.library', shortcut: '3' },
  { id: 'boards', label: 'nav.boards', shortcut: '4' },
  { id: 'settings', label: 'nav.settings', shortcut: ',' },
] as const satisfies readonly ViewEntry[];

/** The ids of the views, as a tuple for schemas. */
export const VIEW_IDS = VIEWS.map((view) => view.id) as unknown as readonly [
  (typeof VIEWS)[number]['id'],
  ...(typeof VIEWS)[number]['id'][],
];

/** Each view's entry by its id. */
export const VIEW_BY_ID = Object.fromEntries(VIEWS.map((view) => [view.id, view])) as unknown as {
  readonly [Id in (typeof VIEWS)[number]['id']]: ViewEntry<Id>;
};
