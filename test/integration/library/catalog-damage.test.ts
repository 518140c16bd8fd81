import { randomBytes } from 'node:crypto';
import { open, readdir, writeFile } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setupLibrary, type LibrarySetup } from '../../support/library-setup';

let setup: LibrarySetup;
afterEach(async () => {
  await setup.close();
});

/** Writes random bytes over part of a file, as a failing disk or a bad copy would. */
async function scribble(file: string, offset: number, length: number): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.write(randomBytes(length), 0, length, offset);
  } finally {
    await handle.close();
  }
}

describe('a damaged library catalog', () => {
  it.each([
    ['random bytes over the whole file', async (file: string) => writeFile(file, randomBytes(64 * 1024))],
    ['random bytes over its pages, header intact', async (file: string) => scribble(file, 4096, 16 * 1024)],
  ])(
    'is set aside and rebuilt from the sidecars after %s; nothing is lost and the window is told',
    async (_name, damage) => {
      setup = await setupLibrary();
      const fox = await setup.addGenerated('A fox in the snow');
      const owl = await setup.addGenerated('An owl at dusk');
      await setup.library.update(owl.id, { favorite: true, rating: 5 });
      setup.library.close();
      await damage(setup.catalogFile);

      const library = await setup.reopen();
      await library.reconcile();
      expect(
        library
          .list({})
          .items.map((item) => item.id)
          .sort(),
      ).toEqual([fox.id, owl.id].sort());
      expect(library.get(owl.id)).toMatchObject({ favorite: true, rating: 5 });
      expect(library.list({ search: 'owl' }).total).toBe(1);
      const aside = (await readdir(path.dirname(setup.catalogFile))).filter((name) =>
        name.startsWith('catalog.sqlite.damaged-'),
      );
      expect(aside.length).toBeGreaterThan(0);
      expect(library.problems()).toContainEqual({
        path: 'catalog.sqlite',
        message: expect.stringContaining('was damaged. It was set aside as "catalog.sqlite.damaged-'),
        text: {
          key: 'library.problem.catalogRebuilt',
          params: { name: expect.stringMatching(/^catalog\.sqlite\.damaged-/) },
        },
      });
    },
  );

  it("is set aside when only the items' own page is damaged, which opening never reads (SQLite's quick check)", async () => {
    setup = await setupLibrary();
    const items = [];
    for (let index = 0; index < 5; index += 1) items.push(await setup.addGenerated(`clip ${index}`));
    setup.library.close();
    const raw = new DatabaseSync(setup.catalogFile, { readOnly: true });
    const { rootpage } = raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'items'").get() as {
      rootpage: number;
    };
    const { page_size: pageSize } = raw.prepare('PRAGMA page_size').get() as { page_size: number };
    raw.close();
    await scribble(setup.catalogFile, (rootpage - 1) * pageSize + 16, pageSize - 16);

    const library = await setup.reopen();
    await library.reconcile();
    expect(library.list({}).total).toBe(items.length);
    const aside = (await readdir(path.dirname(setup.catalogFile))).filter((name) =>
      name.startsWith('catalog.sqlite.damaged-'),
    );
    expect(aside.length).toBeGreaterThan(0);
  });

  it('is set aside by `rebuild` too, on demand', async () => {
    setup = await setupLibrary();
    const fox = await setup.addGenerated('A fox in the snow');
    await scribble(setup.catalogFile, 4096, 16 * 1024);
    await setup.library.rebuild();
    expect(setup.library.list({}).items.map((item) => item.id)).toEqual([fox.id]);
  });

  it('rebuilt from a sound catalog, finds, tags and edits every item as before', async () => {
    setup = await setupLibrary();
    const fox = await setup.addGenerated('A fox in the snow');
    await setup.addGenerated('Rain on a tram window');
    await setup.library.update(fox.id, { tags: ['winter'], title: 'Snow fox' });
    await setup.library.rebuild();
    await setup.library.rebuild();
    expect(setup.library.list({ search: 'fox' }).items.map((item) => item.id)).toEqual([fox.id]);
    expect(setup.library.list({ search: 'winter' }).items.map((item) => item.title)).toEqual(['Snow fox']);
    await setup.library.update(fox.id, { title: 'Arctic fox' });
    expect(setup.library.list({ search: 'arctic' }).total).toBe(1);
    expect(setup.library.list({ search: 'snow' }).items.map((item) => item.title)).toEqual(['Arctic fox']);
    expect(setup.library.list({}).total).toBe(2);
  });

  it('is left alone when sound', async () => {
    setup = await setupLibrary();
    await setup.addGenerated('A fox in the snow');
    await setup.reopen();
    expect((await readdir(path.dirname(setup.catalogFile))).some((name) => name.includes('damaged'))).toBe(false);
    expect(setup.library.problems()).toEqual([]);
  });
});
