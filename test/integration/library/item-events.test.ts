import { afterEach, describe, expect, it } from 'vitest';
import type { LibraryItemEvent } from '../../../shared/library/library-models';
import { setupLibrary, type LibrarySetup } from '../../support/library-setup';
import { quadrantCard } from '../../support/image-fixtures';

let setup: LibrarySetup;
afterEach(async () => {
  await setup.close();
});

describe('the library says what it did, item by item', () => {
  it('filing, an edit, a poster, a removal and its undo each arrive as one event with the item', async () => {
    const events: LibraryItemEvent[] = [];
    setup = await setupLibrary({ onItem: (event) => events.push(event), removalUndoMs: 60_000 });
    const filed = await setup.addGenerated('a lighthouse in fog');
    expect(events).toEqual([{ kind: 'added', item: filed }]);

    const renamed = await setup.library.update(filed.id, { title: 'Lighthouse' });
    expect(events.at(-1)).toEqual({ kind: 'changed', item: renamed });
    expect(renamed.title).toBe('Lighthouse');

    await setup.library.savePoster(filed.id, await quadrantCard(320, 180));
    expect(events.at(-1)).toMatchObject({ kind: 'changed', item: { id: filed.id, posterUrl: expect.any(String) } });

    await setup.library.remove([filed.id]);
    expect(events.at(-1)).toEqual({ kind: 'removed', ids: [filed.id] });
    await setup.library.undoRemove([filed.id]);
    expect(events.at(-1)).toMatchObject({ kind: 'added', item: { id: filed.id, title: 'Lighthouse' } });
    expect(events.map((event) => event.kind)).toEqual(['added', 'changed', 'changed', 'removed', 'added']);
  });

  it('knows the files it just wrote, so its folder watcher can pass over them', async () => {
    setup = await setupLibrary();
    const filed = await setup.addGenerated('own files');
    const row = setup.library.get(filed.id);
    const stem =
      (await setup.library.mediaFile('video', row.id))?.slice(setup.root.length + 1).replace(/\.mp4$/, '') ?? '';
    expect(setup.library.isOwnWrite(`${stem}.mp4`)).toBe(true);
    expect(setup.library.isOwnWrite(`${stem}.reelbench.json`)).toBe(true);
    expect(setup.library.isOwnWrite('dropped in by hand.mp4')).toBe(false);
  });
});
