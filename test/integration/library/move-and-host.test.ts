import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveAppPaths, type AppPaths } from '../../../electron/services/app-paths';
import { encodePoster } from '../../../electron/services/images/poster-encode';
import {
  createLibraryHost,
  type LibraryHost,
  type LibraryHostDeps,
} from '../../../electron/services/library/library-host';
import { moveLibraryFiles, pendingMove } from '../../../electron/services/library/library-move';
import { watchLibraryFolder } from '../../../electron/services/library/library-watcher';
import { openSettingsStore, type SettingsStore } from '../../../electron/services/settings/settings-store';
import type { ReconcileReport } from '../../../shared/library/library-models';
import { eventually } from '../../support/eventually';
import { SAMPLE_VIDEO } from '../../support/library-setup';

let dir: string;
let host: LibraryHost | undefined;
afterEach(async () => {
  host?.close();
  host = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function startHost(
  watch = false,
  watchFolder?: LibraryHostDeps['watchFolder'],
): Promise<{
  host: LibraryHost;
  paths: AppPaths;
  settings: SettingsStore;
  reports: ReconcileReport[];
  defaultRoot: string;
}> {
  const paths = resolveAppPaths(path.join(dir, 'data'));
  const settings = await openSettingsStore(paths.settingsFile);
  const reports: ReconcileReport[] = [];
  const defaultRoot = path.join(dir, 'Videos', 'Reelbench');
  host = createLibraryHost({
    paths,
    settings,
    defaultRoot,
    appVersion: 'test',
    mediaUrl: (kind, id) => `app://reelbench/media/${kind}/${id}`,
    encodePoster,
    trash: async (file) => rm(file),
    watch,
    onChanged: (report) => reports.push(report),
    ...(watchFolder ? { watchFolder } : {}),
  });
  return { host, paths, settings, reports, defaultRoot };
}

async function addVideos(host: LibraryHost, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const download = path.join(dir, `download-${index}.mp4`);
    await copyFile(SAMPLE_VIDEO, download);
    await host.current().addVideo({
      videoFile: download,
      generation: {
        prompt: `clip number ${index}`,
        model: 'sora-2-preview',
        duration: 4,
        aspect: 'landscape',
        resolution: 'standard',
        taskId: null,
        jobId: null,
        draftId: null,
        draftVersionId: null,
      },
      createdAt: new Date(Date.UTC(2026, 0, 1 + index)),
      completedAt: null,
    });
  }
}

describe('the library host', () => {
  it('opens the default folder (the OS Videos folder + /Reelbench) and reports where it is', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-host-'));
    const started = await startHost();
    await expect(started.host.open()).resolves.toMatchObject({ added: 0 });
    expect(started.host.location()).toEqual({ path: started.defaultRoot, isDefault: true });
  });

  it('serves the catalog as soon as it is open, and brings in what changed while closed behind it', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-host-'));
    const started = await startHost();
    await started.host.open();
    await addVideos(started.host, 2);
    started.host.close();
    // Dropped in while the app was closed.
    await copyFile(SAMPLE_VIDEO, path.join(started.defaultRoot, 'dropped while closed.mp4'));
    let reconciled = false;
    const opening = started.host.open().then((report) => {
      reconciled = true;
      return report;
    });
    await started.host.ready();
    expect(reconciled).toBe(false);
    expect(started.host.current().list({}).total).toBe(2);
    await started.host.reconciled();
    await expect(opening).resolves.toMatchObject({ added: 1 });
    expect(started.host.current().list({}).total).toBe(3);
    expect(started.reports.at(-1)).toMatchObject({ added: 1 });
  });

  it('moves the library and keeps every item, with its fields', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-host-'));
    const started = await startHost();
    await started.host.open();
    await addVideos(started.host, 3);
    const first = started.host.current().list({ sort: 'oldest' }).items[0];
    await started.host.current().update(first?.id ?? '', { favorite: true });
    const destination = path.join(dir, 'External', 'Reelbench');
    const progress: number[] = [];
    await started.host.move(destination, ({ done }) => progress.push(done));
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(started.host.location()).toEqual({ path: destination, isDefault: false });
    expect(started.settings.current().libraryDir).toBe(destination);
    expect(started.host.current().list({}).total).toBe(3);
    expect(started.host.current().get(first?.id ?? '')).toMatchObject({ favorite: true });
    expect(await readdir(destination)).toHaveLength(6);
    await expect(readdir(started.defaultRoot)).rejects.toThrow(); // the old folder is gone (it was empty)
  });

  it('resumes a move interrupted part-way, losing nothing', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-host-'));
    const started = await startHost();
    await started.host.open();
    await addVideos(started.host, 4);
    started.host.close();
    const destination = path.join(dir, 'Moved');
    const interrupted = moveLibraryFiles(started.defaultRoot, destination, {
      journalFile: started.paths.libraryMoveJournal,
      beforeFile: (index) => {
        if (index === 3) throw new Error('power cut');
      },
    });
    await expect(interrupted).rejects.toThrow('power cut');
    expect(await pendingMove(started.paths.libraryMoveJournal)).toMatchObject({ to: destination });
    expect((await readdir(destination)).length + (await readdir(started.defaultRoot)).length).toBe(8);

    // The next start finds the journal and finishes the move before opening the library.
    const restarted = await startHost();
    await restarted.host.open();
    expect(await pendingMove(started.paths.libraryMoveJournal)).toBeNull();
    expect(restarted.settings.current().libraryDir).toBe(destination);
    expect(await readdir(destination)).toHaveLength(8);
    expect(restarted.host.current().list({}).total).toBe(4);
  });

  it('refuses to move into a non-empty folder or into itself', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-host-'));
    const started = await startHost();
    await started.host.open();
    const busy = path.join(dir, 'Busy');
    await mkdir(busy);
    await copyFile(SAMPLE_VIDEO, path.join(busy, 'someone else.mp4'));
    await expect(started.host.move(busy)).rejects.toMatchObject({ message: `"${busy}" is not empty.` });
    await expect(started.host.move(path.join(started.defaultRoot, 'inner'))).rejects.toMatchObject({
      code: 'invalidInput',
    });
    expect(started.host.current().list({}).total).toBe(0); // still open and usable
  });

  it('notices a video dropped into the folder while the app runs', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-host-'));
    const started = await startHost(true);
    await started.host.open();
    await copyFile(SAMPLE_VIDEO, path.join(started.defaultRoot, 'dropped in.mp4'));
    await eventually(() => started.host.current().list({}).total > 0, 'the dropped video to be catalogued', 5_000);
    expect(
      started.host
        .current()
        .list({})
        .items.map((item) => item.title),
    ).toEqual(['dropped in']);
    expect(started.reports.some((report) => report.added === 1)).toBe(true);
  });

  it('passes over what the library itself wrote (the window already heard of it) and still sees what came from outside', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-host-'));
    const batches: (readonly string[])[] = [];
    const started = await startHost(true, (root, onChange, logger, debounceMs, onFailure) =>
      watchLibraryFolder(
        root,
        (changed) => {
          batches.push(changed);
          onChange(changed);
        },
        logger,
        debounceMs,
        onFailure,
      ),
    );
    await started.host.open();
    const opened = started.reports.length;
    await addVideos(started.host, 1);
    await vi.waitFor(() => expect(batches.length).toBeGreaterThan(0), { timeout: 5_000 });
    await copyFile(SAMPLE_VIDEO, path.join(started.defaultRoot, 'dropped in.mp4'));
    await vi.waitFor(() => expect(started.reports.at(-1)?.added).toBe(1), { timeout: 5_000 });
    // One pass, for the file from outside: the library's own filing caused none.
    expect(started.reports.length - opened).toBe(1);
  });
});

describe('a library folder that cannot be watched', () => {
  it('is said to the window (library problems), since videos added by hand then appear only at the next start', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-host-'));
    const started = await startHost(true, (_root, _onChange, _logger, _debounce, onFailure) => {
      onFailure?.(Object.assign(new Error('inotify watch limit reached'), { code: 'ENOSPC' }));
      return { close: () => undefined };
    });
    await started.host.open();
    expect(started.host.problems()).toEqual([
      {
        path: started.defaultRoot,
        message: expect.stringContaining('cannot watch this folder (ENOSPC)'),
        text: { key: 'library.problem.cannotWatch', params: { reason: 'ENOSPC' } },
      },
    ]);
  });
});
