import { copyFile, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { encodePoster } from '../../electron/services/images/poster-encode';
import { openLibrary, type LibraryDeps, type LibraryService } from '../../electron/services/library/library-service';
import type { LibraryItem } from '../../shared/library/library-models';

export const SAMPLE_VIDEO = path.resolve(import.meta.dirname, '../fixtures/sample.mp4');

/** A library in a temporary folder; the "OS trash" is a folder of its own so removals can be checked. */
export interface LibrarySetup {
  readonly dir: string;
  readonly root: string;
  readonly catalogFile: string;
  readonly trashDir: string;
  library: LibraryService;
  /** Closes and opens the library again, as a restart does. */
  reopen(): Promise<LibraryService>;
  /** Files a generated video (a copy of the sample) through the pipeline's entry point. */
  addGenerated(
    prompt: string,
    extra?: { title?: string; model?: string; aspect?: 'landscape' | 'portrait'; createdAt?: Date; duration?: number },
  ): Promise<LibraryItem>;
  close(): Promise<void>;
}

export async function setupLibrary(
  options: Partial<Pick<LibraryDeps, 'removalUndoMs' | 'trash' | 'onItem'>> = {},
): Promise<LibrarySetup> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-library-'));
  const root = path.join(dir, 'Videos', 'Reelbench');
  const catalogFile = path.join(dir, 'data', 'catalog.sqlite');
  const trashDir = path.join(dir, 'trash');
  await mkdir(trashDir, { recursive: true });
  const open = () =>
    openLibrary({
      root,
      catalogFile,
      posterDir: path.join(dir, 'data', 'cache', 'posters'),
      appVersion: '0.1.0-test',
      mediaUrl: (kind, id) => `app://reelbench/media/${kind}/${id}`,
      encodePoster,
      trash: async (file) => rename(file, path.join(trashDir, `${Date.now()}-${path.basename(file)}`)),
      ...options,
    });
  let counter = 0;
  const setup: LibrarySetup = {
    dir,
    root,
    catalogFile,
    trashDir,
    library: await open(),
    async reopen() {
      setup.library.close();
      setup.library = await open();
      return setup.library;
    },
    async addGenerated(prompt, extra = {}) {
      counter += 1;
      const download = path.join(dir, `download-${counter}.mp4`);
      await copyFile(SAMPLE_VIDEO, download);
      return setup.library.addVideo({
        videoFile: download,
        title: extra.title,
        generation: {
          prompt,
          model: extra.model ?? 'sora-2-preview',
          duration: extra.duration ?? 4,
          aspect: extra.aspect ?? 'landscape',
          resolution: 'standard',
          taskId: `task_${counter}`,
          jobId: `job_${counter}`,
          draftId: null,
          draftVersionId: null,
        },
        createdAt: extra.createdAt ?? new Date(Date.UTC(2026, 10, 1 + counter)),
        completedAt: null,
      });
    },
    async close() {
      setup.library.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return setup;
}
