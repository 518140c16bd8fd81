import { create } from 'zustand';
import type { BatchPlan } from '../../../shared/drafts/batch-models';
import type { DraftVersion, Preset, PromptDiff } from '../../../shared/drafts/draft-models';
import { api, unwrap } from '../../lib/bridge';
import { useNoticesStore } from '../../lib/notices-store';
import { useWorkbenchStore } from './workbench-store';

/** A version shown beside the current prompt. */
export interface Comparison {
  readonly version: DraftVersion;
  readonly diff: PromptDiff;
}

/** Versions, presets and the batch of the open draft: every call to the main process for them is here. */
export interface DraftToolsStore {
  readonly draftId: string | null;
  readonly versions: readonly DraftVersion[];
  readonly presets: readonly Preset[];
  readonly comparison: Comparison | null;
  /** One prompt per line; empty means `count` variations of the draft's own prompt. */
  readonly lines: string;
  readonly count: number;
  /** The batch as last checked (its cost is shown before anything is queued); null once anything changes. */
  readonly plan: BatchPlan | null;
  /** Reads the versions of a draft (and the presets once). */
  load(draftId: string): Promise<void>;
  saveVersion(): Promise<void>;
  applyPreset(presetId: string): Promise<void>;
  restore(versionId: string): Promise<void>;
  compare(version: DraftVersion): Promise<void>;
  closeComparison(): void;
  setLines(lines: string): void;
  setCount(count: number): void;
  planBatch(): Promise<void>;
  runBatch(): Promise<void>;
}

/** The draft tools store. A failure is shown as a notice, never thrown at a click handler. */
export const useDraftToolsStore = create<DraftToolsStore>()((set, get) => {
  const workbench = () => useWorkbenchStore.getState();
  async function act(work: (draftId: string) => Promise<void>): Promise<void> {
    const { draftId } = get();
    if (!draftId) return;
    try {
      // What was typed reaches the draft first: every tool works on what the user sees.
      await workbench().flush();
      await work(draftId);
    } catch (error) {
      useNoticesStore.getState().fail(error, 'draft-tools-message');
    }
  }
  const spec = () => {
    const { lines, count } = get();
    return lines.trim() ? { mode: 'lines' as const, text: lines } : { mode: 'variations' as const, count };
  };
  return {
    draftId: null,
    versions: [],
    presets: [],
    comparison: null,
    lines: '',
    count: 2,
    plan: null,
    async load(draftId) {
      if (draftId !== get().draftId) set({ draftId, comparison: null, plan: null });
      const [versions, presets] = await Promise.allSettled([
        unwrap(api().drafts.versions({ id: draftId })),
        get().presets.length > 0 ? Promise.resolve(get().presets) : unwrap(api().drafts.presets()),
      ]);
      if (get().draftId !== draftId) return;
      set({
        versions: versions.status === 'fulfilled' ? versions.value : [],
        presets: presets.status === 'fulfilled' ? presets.value : [],
      });
    },
    saveVersion: () =>
      act(async (id) => {
        await unwrap(api().drafts.saveVersion({ id }));
        set({ versions: await unwrap(api().drafts.versions({ id })) });
      }),
    applyPreset: (presetId) =>
      act(async (draftId) => {
        await workbench().show(await unwrap(api().drafts.applyPreset({ draftId, presetId })));
      }),
    restore: (versionId) =>
      act(async () => {
        await workbench().show(await unwrap(api().drafts.restoreVersion({ versionId })));
      }),
    compare: (version) =>
      act(async () => {
        set({ comparison: { version, diff: await unwrap(api().drafts.diff({ from: version.id, to: 'current' })) } });
      }),
    closeComparison: () => set({ comparison: null }),
    setLines: (lines) => set({ lines, plan: null }),
    setCount: (count) => set({ count, plan: null }),
    planBatch: () =>
      act(async (id) => {
        set({ plan: await unwrap(api().drafts.planBatch({ id, spec: spec() })) });
      }),
    runBatch: () =>
      act(async (id) => {
        const jobs = await unwrap(api().drafts.runBatch({ id, spec: spec() }));
        set({ plan: null });
        useNoticesStore.getState().notify({
          text: { message: { key: 'drafts.batchQueued', params: { count: jobs.length } } },
          testId: 'draft-tools-message',
        });
      }),
  };
});
