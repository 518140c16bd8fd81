import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HOLD_DIR } from '../../../electron/services/library/removal-hold';
import { requireBuild } from '../../support/build-output';
import { runCliWith } from '../../support/cli-runner';
import { SAMPLE_VIDEO, setupLibrary, type LibrarySetup } from '../../support/library-setup';

// The README invites users to sync and share the library folder: what is inside it is someone else's input.
let setup: LibrarySetup;
afterEach(async () => {
  await setup?.close();
});
beforeAll(requireBuild);

const LONG_AGO = Date.UTC(2026, 0, 1);

/** Plants `.reelbench-removed/<folder>/manifest.json` (and the files it names, when given) in the library. */
async function plantHold(
  root: string,
  folder: string,
  manifest: { files: { original: string; held: string }[]; heldAt?: number },
  files: readonly string[] = [],
): Promise<string> {
  const dir = path.join(root, HOLD_DIR, folder);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), 'held');
  }
  return dir;
}

/** Waits long enough for the start-up release of held items to have run (it runs in the background). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('removal manifests planted in a shared library folder', () => {
  it('never sends a file outside the hold folder to the trash: not by `..`, not by a link, not from a folder not named by an id', async () => {
    setup = await setupLibrary();
    const outside = path.join(setup.dir, 'thesis.docx');
    const linked = path.join(setup.dir, 'id_rsa');
    await writeFile(outside, 'four years of work');
    await writeFile(linked, 'secret');
    const traversal = path
      .relative(path.join(setup.root, HOLD_DIR, 'x'), outside)
      .split(path.sep)
      .join('/');
    await plantHold(setup.root, randomUUID(), {
      files: [{ original: 'a.mp4', held: traversal }],
      heldAt: LONG_AGO,
    });
    const viaLink = await plantHold(setup.root, randomUUID(), {
      files: [{ original: 'b.mp4', held: '0/b.mp4' }],
      heldAt: LONG_AGO,
    });
    await mkdir(path.join(viaLink, '0'), { recursive: true });
    await symlink(linked, path.join(viaLink, '0', 'b.mp4'));
    await plantHold(setup.root, 'not-an-id', { files: [{ original: 'c.mp4', held: '0/c.mp4' }], heldAt: LONG_AGO }, [
      '0/c.mp4',
    ]);

    await setup.reopen();
    await settle();
    expect(existsSync(outside)).toBe(true);
    expect(existsSync(linked)).toBe(true);
    expect(await readdir(setup.trashDir)).toEqual([]);
    // The planted folders are left alone, for the user to look at; nothing in them was trusted.
    expect(existsSync(path.join(setup.root, HOLD_DIR, 'not-an-id', '0', 'c.mp4'))).toBe(true);
  });

  it('never follows a linked folder in a hold: `0 → ~/Documents` with `held: "0/thesis.docx"` trashes nothing', async () => {
    setup = await setupLibrary();
    const documents = path.join(setup.dir, 'Documents');
    await mkdir(documents);
    await writeFile(path.join(documents, 'thesis.docx'), 'four years of work');
    const viaFolder = await plantHold(setup.root, randomUUID(), {
      files: [{ original: 'thesis.docx', held: '0/thesis.docx' }],
      heldAt: LONG_AGO,
    });
    await symlink(documents, path.join(viaFolder, '0'));
    // A hold whose whole item folder links out of the library, to a copy of a manifest the attacker also controls.
    const elsewhere = path.join(setup.dir, 'elsewhere');
    await mkdir(path.join(elsewhere, '0'), { recursive: true });
    await writeFile(
      path.join(elsewhere, 'manifest.json'),
      JSON.stringify({ files: [{ original: 'e.docx', held: '0/e.docx' }], heldAt: LONG_AGO }),
    );
    await writeFile(path.join(elsewhere, '0', 'e.docx'), 'not the library’s');
    await symlink(elsewhere, path.join(setup.root, HOLD_DIR, randomUUID()));

    await setup.reopen();
    await settle();
    expect(await readFile(path.join(documents, 'thesis.docx'), 'utf8')).toBe('four years of work');
    expect(existsSync(path.join(elsewhere, '0', 'e.docx'))).toBe(true);
    expect(await readdir(setup.trashDir)).toEqual([]);
  });

  it('an undo never moves a file out of a linked hold folder, nor into a library folder that links out', async () => {
    setup = await setupLibrary({ removalUndoMs: 60_000 });
    const documents = path.join(setup.dir, 'Documents');
    await mkdir(documents);
    await writeFile(path.join(documents, 'thesis.docx'), 'four years of work');
    const pulled = randomUUID();
    const viaFolder = await plantHold(setup.root, pulled, {
      files: [{ original: 'pulled.docx', held: '0/thesis.docx' }],
      heldAt: Date.now(),
    });
    await symlink(documents, path.join(viaFolder, '0'));
    // The other way: a held file restored "into" a library folder that is a link to somewhere else.
    const pushed = randomUUID();
    await plantHold(setup.root, pushed, { files: [{ original: 'out/p.mp4', held: '0/p.mp4' }], heldAt: Date.now() }, [
      '0/p.mp4',
    ]);
    await symlink(documents, path.join(setup.root, 'out'));
    await setup.reopen();

    await setup.library.undoRemove([pulled]).catch(() => undefined);
    await setup.library.undoRemove([pushed]).catch(() => undefined);
    expect(await readdir(documents)).toEqual(['thesis.docx']);
    expect(existsSync(path.join(setup.root, 'pulled.docx'))).toBe(false);
    expect(existsSync(path.join(setup.root, HOLD_DIR, pushed, '0', 'p.mp4'))).toBe(true);
  });

  it('leaves a hold younger than its undo window to the process that made it, and trashes an old one', async () => {
    setup = await setupLibrary({ removalUndoMs: 60_000 });
    const young = randomUUID();
    const old = randomUUID();
    await plantHold(setup.root, young, { files: [{ original: 'y.mp4', held: '0/y.mp4' }], heldAt: Date.now() }, [
      '0/y.mp4',
    ]);
    await plantHold(setup.root, old, { files: [{ original: 'o.mp4', held: '0/o.mp4' }], heldAt: LONG_AGO }, [
      '0/o.mp4',
    ]);
    await setup.reopen();
    await settle();
    expect(await readdir(setup.trashDir)).toEqual([expect.stringMatching(/-o\.mp4$/)]);
    expect(existsSync(path.join(setup.root, HOLD_DIR, young, '0', 'y.mp4'))).toBe(true);
  });

  it('in the CLI too: refuses the planted manifest, keeps a young hold, and sends an old one to the OS trash, never deleting it', async () => {
    setup = await setupLibrary();
    const home = path.join(setup.dir, 'home');
    const xdgData = path.join(home, '.local', 'share');
    await mkdir(xdgData, { recursive: true });
    await mkdir(path.join(setup.dir, 'data'), { recursive: true });
    await writeFile(path.join(setup.dir, 'data', 'settings.json'), JSON.stringify({ libraryDir: setup.root }));
    const outside = path.join(setup.dir, 'thesis.docx');
    await writeFile(outside, 'four years of work');
    const traversal = path
      .relative(path.join(setup.root, HOLD_DIR, 'x'), outside)
      .split(path.sep)
      .join('/');
    await plantHold(setup.root, randomUUID(), { files: [{ original: 'a.mp4', held: traversal }], heldAt: LONG_AGO });
    const young = randomUUID();
    const old = randomUUID();
    await plantHold(setup.root, young, { files: [{ original: 'y.mp4', held: '0/y.mp4' }], heldAt: Date.now() }, [
      '0/y.mp4',
    ]);
    await plantHold(setup.root, old, { files: [{ original: 'o.mp4', held: '0/o.mp4' }], heldAt: LONG_AGO }, [
      '0/o.mp4',
    ]);
    setup.library.close();

    const listed = await runCliWith(
      { HOME: home, XDG_DATA_HOME: xdgData },
      path.join(setup.dir, 'data'),
      'library',
      'list',
    );
    expect(listed.code).toBe(0);
    expect(existsSync(outside)).toBe(true);
    expect(existsSync(path.join(setup.root, HOLD_DIR, young, '0', 'y.mp4'))).toBe(true);
    // The old hold went to the freedesktop trash (or waits in the hold for the next start): it was not deleted.
    const trashed = await readdir(path.join(xdgData, 'Trash', 'files')).catch(() => []);
    const stillHeld = existsSync(path.join(setup.root, HOLD_DIR, old, '0', 'o.mp4'));
    expect(trashed.length === 1 || stillHeld).toBe(true);
    await rm(home, { recursive: true, force: true });
  });
});

describe('files in the library folder that are not plain files', () => {
  it.runIf(process.platform !== 'win32').each([
    [
      'a link to a video outside the library',
      async (root: string, dir: string) => {
        const outside = path.join(dir, 'elsewhere.mp4');
        await writeFile(outside, await readFile(SAMPLE_VIDEO));
        await symlink(outside, path.join(root, 'linked.mp4'));
      },
    ],
    [
      // Opening a FIFO for reading waits for a writer that never comes: a scan that read it would hang for ever.
      'a FIFO',
      async (root: string) => {
        expect(spawnSync('mkfifo', [path.join(root, 'trap.mp4')]).status).toBe(0);
      },
    ],
  ])('%s named .mp4 is skipped by the scan: the library opens and lists only its own', async (_what, plant) => {
    setup = await setupLibrary();
    const real = await setup.addGenerated('a real one');
    await plant(setup.root, setup.dir);
    const report = await setup.library.reconcile();
    expect(report.problems).toEqual([]);
    expect(setup.library.list({}).items.map((item) => item.id)).toEqual([real.id]);
    expect((await readdir(setup.root)).filter((name) => name.endsWith('.reelbench.json'))).toHaveLength(1);
  });
});

/** Rewrites an item's sidecar as someone editing the JSON by hand would. */
async function editSidecar(root: string, fileName: string, change: (sidecar: Record<string, unknown>) => void) {
  const file = path.join(root, fileName.replace(/\.mp4$/, '.reelbench.json'));
  const sidecar = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  change(sidecar);
  await writeFile(file, JSON.stringify(sidecar));
}

describe('sidecar text is never a path', () => {
  it("a sidecar naming another item's video as its reference image cannot make removing it trash that video", async () => {
    setup = await setupLibrary({ removalUndoMs: 0 });
    const a = await setup.addGenerated('item a');
    const b = await setup.addGenerated('item b');
    await editSidecar(setup.root, a.fileName, (sidecar) => {
      (sidecar['generation'] as Record<string, unknown>)['referenceImage'] = b.fileName;
    });
    await setup.library.reconcile();
    expect(await setup.library.mediaFile('reference', a.id)).toBeNull();
    await setup.library.remove([a.id]);
    await settle();
    expect(existsSync(path.join(setup.root, b.fileName))).toBe(true);
    await setup.library.reconcile();
    expect(setup.library.list({}).items.map((item) => item.id)).toEqual([b.id]);
  });

  it("a sidecar naming another item's video as its own cannot take that video over when it is edited", async () => {
    setup = await setupLibrary();
    const a = await setup.addGenerated('item a');
    const b = await setup.addGenerated('item b');
    await editSidecar(setup.root, a.fileName, (sidecar) => {
      sidecar['video'] = b.fileName;
    });
    await setup.library.reconcile();
    await setup.library.update(a.id, { title: 'renamed a' });
    expect(await setup.library.mediaFile('video', a.id)).toBe(path.join(setup.root, a.fileName));
    expect(setup.library.get(b.id).fileName).toBe(b.fileName);
    expect(setup.library.list({}).total).toBe(2);
  });

  it('a pair renamed by hand (video and sidecar together) keeps working, its reference image with it', async () => {
    setup = await setupLibrary();
    const a = await setup.addGenerated('item a');
    await editSidecar(setup.root, a.fileName, (sidecar) => {
      (sidecar['generation'] as Record<string, unknown>)['referenceImage'] = a.fileName.replace(/\.mp4$/, '.ref.jpg');
    });
    await writeFile(path.join(setup.root, a.fileName.replace(/\.mp4$/, '.ref.jpg')), 'jpeg');
    for (const [from, to] of [
      [a.fileName, 'Renamed by hand.mp4'],
      [a.fileName.replace(/\.mp4$/, '.reelbench.json'), 'Renamed by hand.reelbench.json'],
      [a.fileName.replace(/\.mp4$/, '.ref.jpg'), 'Renamed by hand.ref.jpg'],
    ] as const)
      await rename(path.join(setup.root, from), path.join(setup.root, to));
    await setup.library.reconcile();
    await expect(setup.library.update(a.id, { title: 'still editable' })).resolves.toMatchObject({
      title: 'still editable',
    });
    expect(await setup.library.mediaFile('video', a.id)).toBe(path.join(setup.root, 'Renamed by hand.mp4'));
    expect(await setup.library.mediaFile('reference', a.id)).toBe(path.join(setup.root, 'Renamed by hand.ref.jpg'));
  });
});

describe('links in the library folder', () => {
  it('never serves, exports or imports a file through a link: a reference image linked to a key file stays unread', async () => {
    setup = await setupLibrary();
    const secret = path.join(setup.dir, 'id_rsa');
    await writeFile(secret, '-----BEGIN OPENSSH PRIVATE KEY-----');
    const item = await setup.addGenerated('linked reference');
    await editSidecar(setup.root, item.fileName, (sidecar) => {
      (sidecar['generation'] as Record<string, unknown>)['referenceImage'] = 'x.ref.jpg';
    });
    const referenceLink = path.join(setup.root, item.fileName.replace(/\.mp4$/, '.ref.jpg'));
    await symlink(secret, referenceLink);
    await setup.library.reconcile();
    expect(await setup.library.mediaFile('reference', item.id)).toBeNull();

    const exported = path.join(setup.dir, 'exported');
    await mkdir(exported);
    await setup.library.exportItems([item.id], exported);
    const exportedNames = await readdir(exported);
    expect(exportedNames.some((name) => name.endsWith('.mp4'))).toBe(true);
    expect(exportedNames.some((name) => name.includes('.ref.'))).toBe(false);

    // Importing that folder elsewhere, with the link planted beside the exported video, copies no key.
    const mp4 = exportedNames.find((name) => name.endsWith('.mp4')) ?? '';
    await symlink(secret, path.join(exported, mp4.replace(/\.mp4$/, '.ref.jpg')));
    await symlink(secret, path.join(exported, 'also a video.mp4'));
    const other = await setupLibrary();
    try {
      await other.library.importFolder(exported);
      const imported = await readdir(other.root);
      for (const name of imported) {
        const text = await readFile(path.join(other.root, name), 'utf8').catch(() => '');
        expect(text, name).not.toContain('PRIVATE KEY');
      }
      expect(imported.some((name) => name.startsWith('also a video'))).toBe(false);
    } finally {
      await other.close();
    }
  });
});

describe('sizes in a shared library folder', () => {
  it('does not read a sidecar past 1 MB (a 20 MB prompt): keeps it aside and lists the video again, flagged', async () => {
    setup = await setupLibrary();
    const item = await setup.addGenerated('to be inflated');
    await editSidecar(setup.root, item.fileName, (sidecar) => {
      (sidecar['generation'] as Record<string, unknown>)['prompt'] = 'p'.repeat(20 * 1024 * 1024);
    });
    await setup.library.reconcile();
    expect(
      setup.library
        .problems()
        .map((problem) => problem.message)
        .join(' '),
    ).toContain('larger than 1 MB');
    expect(setup.library.list({ search: 'ppp' }).total).toBe(0);
    expect(setup.library.list({}).total).toBe(1);
  });
});

describe('export', () => {
  it('names all of an item’s files from one free stem and never overwrites what the destination holds', async () => {
    setup = await setupLibrary();
    const item = await setup.addGenerated('with a reference');
    const stem = item.fileName.replace(/\.mp4$/, '');
    await editSidecar(setup.root, item.fileName, (sidecar) => {
      (sidecar['generation'] as Record<string, unknown>)['referenceImage'] = `${stem}.ref.jpg`;
    });
    await writeFile(path.join(setup.root, `${stem}.ref.jpg`), 'the reference');
    await setup.library.reconcile();
    const destination = path.join(setup.dir, 'exported');
    await mkdir(destination);
    // Only the reference image's name is taken there: the whole item moves to the next free stem.
    await writeFile(path.join(destination, `${stem}.ref.jpg`), "someone else's picture");
    await setup.library.exportItems([item.id], destination);
    expect(await readFile(path.join(destination, `${stem}.ref.jpg`), 'utf8')).toBe("someone else's picture");
    expect((await readdir(destination)).sort()).toEqual(
      [`${stem}.ref.jpg`, `${stem} (2).mp4`, `${stem} (2).reelbench.json`, `${stem} (2).ref.jpg`].sort(),
    );
    expect(await readFile(path.join(destination, `${stem} (2).ref.jpg`), 'utf8')).toBe('the reference');
  });
});
