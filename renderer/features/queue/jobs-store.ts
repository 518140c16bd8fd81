import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors';
import type { Job } from '../../../shared/jobs/job-models';
import { api, failureOf, unwrap } from '../../lib/bridge';

/** The jobs the main process runs, kept current by `jobs.changed` events. */
export interface JobsStore {
  readonly jobs: readonly Job[];
  readonly error: AppErrorData | null;
  load(): Promise<void>;
  /** Folds one changed job into the list (newest first). */
  receive(job: Job): void;
  cancel(id: string): Promise<void>;
  retry(id: string): Promise<void>;
  hide(id: string): Promise<void>;
  nudge(): Promise<void>;
}

const newestFirst = (jobs: Job[]) => jobs.sort((a, b) => b.createdAt.localeCompare(a.createdAt));

/** The jobs store. */
export const useJobsStore = create<JobsStore>()((set, get) => {
  const act = async (work: () => Promise<unknown>) => set({ error: await failureOf(work) });
  return {
    jobs: [],
    error: null,
    load: () => act(async () => set({ jobs: newestFirst([...(await unwrap(api().jobs.list()))]) })),
    receive: (job) => set({ jobs: newestFirst([...get().jobs.filter((existing) => existing.id !== job.id), job]) }),
    cancel: (id) => act(async () => get().receive(await unwrap(api().jobs.cancel({ id })))),
    retry: (id) => act(async () => get().receive(await unwrap(api().jobs.retry({ id })))),
    hide: (id) =>
      act(async () => {
        await unwrap(api().jobs.hide({ id }));
        set({ jobs: get().jobs.filter((job) => job.id !== id) });
      }),
    nudge: () => act(() => unwrap(api().jobs.nudge())),
  };
});
