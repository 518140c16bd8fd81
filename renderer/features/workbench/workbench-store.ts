import { SNAPSHOT_CATALOG } from '../../../shared/catalog/model-catalog';
import { draftParams } from '../../../shared/drafts/draft-request';
import { create } from 'zustand';
import type { Draft } from '../../../shared/drafts/draft-models';
import type { NormalizedRect } from '../../../shared/images/crop-geometry';
import type { ImageInspection } from '../../../shared/images/image-models';
import { api, unwrap } from '../../lib/bridge';
import { useNoticesStore } from '../shell/notices-store';

type DraftPatch = { prompt?: string; params?: Partial<Draft['params']>; crop?: NormalizedRect | null };

/** The draft being edited, its reference image as inspected and as it will be uploaded, and what just happened. */
export interface WorkbenchStore {
  readonly draft: Draft | null;
  readonly inspection: ImageInspection | null;
  readonly prepared: { readonly preview: string; readonly width: number; readonly height: number } | null;
  readonly saving: boolean;
  open(): Promise<void>;
  /** Switches the workbench to another draft (saving the current one first). */
  openDraft(id: string | null): Promise<void>;
  /** Replaces the draft shown after a change made elsewhere (a preset, a restored version). */
  show(draft: Draft): Promise<void>;
  edit(patch: DraftPatch): void;
  flush(): Promise<void>;
  attachPath(path: string): Promise<void>;
  attachData(dataUrl: string): Promise<void>;
  pick(): Promise<void>;
  removeImage(): Promise<void>;
  generate(online: boolean): Promise<void>;
}

const AUTOSAVE_MS = 400;

/** The workbench store. Edits show at once and are saved (debounced) to the draft: typing is never lost. */
export const useWorkbenchStore = create<WorkbenchStore>()((set, get) => {
  let pending: DraftPatch = {};
  let timer: number | undefined;
  let refreshTimer: number | undefined;
  const fail = (error: unknown) => {
    set({ saving: false });
    useNoticesStore.getState().fail(error, 'workbench-notice');
  };

  async function refreshImage(): Promise<void> {
    const draft = get().draft;
    if (!draft?.imagePath) return set({ inspection: null, prepared: null });
    const fitted = draftParams(SNAPSHOT_CATALOG, draft.params);
    const target = { model: draft.params.model, params: fitted.ok ? fitted.params : {} };
    try {
      const inspection = await unwrap(api().images.inspect({ path: draft.imagePath, target }));
      const prepared = await unwrap(
        api().images.prepare({ path: draft.imagePath, ...target, ...(draft.crop ? { crop: draft.crop } : {}) }),
      );
      set({ inspection, prepared: { preview: prepared.preview, width: prepared.width, height: prepared.height } });
    } catch (error) {
      set({ inspection: null, prepared: null });
      fail(error);
    }
  }
  const refreshSoon = () => {
    window.clearTimeout(refreshTimer);
    refreshTimer = window.setTimeout(() => void refreshImage(), 250);
  };

  async function flush(): Promise<void> {
    window.clearTimeout(timer);
    const draft = get().draft;
    if (!draft || Object.keys(pending).length === 0) return;
    const patch = pending;
    pending = {};
    try {
      const saved = await unwrap(api().drafts.update({ id: draft.id, patch }));
      // Keep what was typed meanwhile: only the saved fields come back from the main side.
      set({
        draft: { ...saved, prompt: get().draft?.prompt ?? saved.prompt },
        saving: Object.keys(pending).length > 0,
      });
    } catch (error) {
      pending = { ...patch, ...pending };
      fail(error);
    }
  }

  async function setImage(path: string | null): Promise<void> {
    const draft = get().draft;
    if (!draft) return;
    await flush();
    try {
      set({ draft: await unwrap(api().drafts.setImage({ id: draft.id, path })) });
      await refreshImage();
    } catch (error) {
      fail(error);
    }
  }

  return {
    draft: null,
    inspection: null,
    prepared: null,
    saving: false,
    async open() {
      try {
        const [latest] = await unwrap(api().drafts.list({}));
        set({ draft: latest ?? (await unwrap(api().drafts.create({}))) });
        await refreshImage();
      } catch (error) {
        fail(error);
      }
    },
    async openDraft(id) {
      await flush();
      try {
        set({
          draft: id ? await unwrap(api().drafts.get({ id })) : await unwrap(api().drafts.create({})),
          inspection: null,
          prepared: null,
        });
        await refreshImage();
      } catch (error) {
        fail(error);
      }
    },
    async show(draft) {
      set({ draft });
      await refreshImage();
    },
    edit(patch) {
      const draft = get().draft;
      if (!draft) return;
      pending = { ...pending, ...patch, ...(patch.params ? { params: { ...pending.params, ...patch.params } } : {}) };
      set({
        draft: {
          ...draft,
          ...(patch.prompt !== undefined ? { prompt: patch.prompt } : {}),
          ...(patch.crop !== undefined ? { crop: patch.crop } : {}),
          params: { ...draft.params, ...patch.params },
        },
        saving: true,
      });
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void flush(), AUTOSAVE_MS);
      if (patch.params || patch.crop !== undefined) refreshSoon();
    },
    flush,
    attachPath: (path) => setImage(path),
    async attachData(dataUrl) {
      try {
        await setImage((await unwrap(api().images.importData({ dataUrl }))).path);
      } catch (error) {
        fail(error);
      }
    },
    async pick() {
      try {
        const picked = await unwrap(api().images.pick());
        if (picked) await setImage(picked.path);
      } catch (error) {
        fail(error);
      }
    },
    removeImage: () => setImage(null),
    async generate(online) {
      const draft = get().draft;
      if (!draft) return;
      await flush();
      try {
        await unwrap(api().drafts.generate({ id: draft.id }));
        useNoticesStore.getState().notify({
          text: { key: online ? 'workbench.queued' : 'workbench.queuedOffline' },
          testId: 'workbench-notice',
        });
      } catch (error) {
        fail(error);
      }
    },
  };
});
