import { mkdtemp, rm } from 'node:fs/promises';
import { SNAPSHOT_CATALOG } from '../../shared/catalog/model-catalog.ts';
import os from 'node:os';
import path from 'node:path';
import { createDraftService, type DraftService } from '../../electron/services/drafts/draft-service';
import type { JobRunner } from '../../electron/services/jobs/job-runner';
import { openDraftStore, type DraftStore } from '../../electron/services/storage/draft-store';
import type { Job, JobRequestInput } from '../../shared/jobs/job-models';
import { openBoardStore, type BoardStore } from '../../electron/services/storage/board-store';

/** The draft service over a real database in a temp folder; queued jobs are recorded, not run. */
export interface DraftSetup {
  readonly dir: string;
  readonly store: DraftStore;
  /** Storyboards, in the same database file. */
  readonly boards: BoardStore;
  readonly drafts: DraftService;
  readonly queued: JobRequestInput[];
  clock: Date;
  close(): Promise<void>;
}

export async function setupDrafts(prices: Record<string, number> = {}): Promise<DraftSetup> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-drafts-'));
  const store = openDraftStore(path.join(dir, 'drafts.sqlite'));
  const boards = openBoardStore(path.join(dir, 'drafts.sqlite'));
  const queued: JobRequestInput[] = [];
  // Queueing is the runner's job (tested on its own); here it is enough to see what would be queued.
  const runner = {
    enqueue: (request: JobRequestInput) => {
      queued.push(request);
      return { id: `00000000-0000-4000-8000-${String(queued.length).padStart(12, '0')}`, phase: 'queued' } as Job;
    },
  } as unknown as JobRunner;
  const setup: DraftSetup = {
    dir,
    store,
    boards,
    queued,
    clock: new Date('2026-11-24T10:00:00Z'),
    drafts: undefined as unknown as DraftService,
    close: async () => {
      store.close();
      boards.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  (setup as { drafts: DraftService }).drafts = createDraftService({
    store,
    imagesDir: path.join(dir, 'draft-images'),
    jobs: () => runner,
    pricePerSecond: (model) => prices[model] ?? null,
    catalog: () => SNAPSHOT_CATALOG,
    now: () => setup.clock,
  });
  return setup;
}
