import { create } from 'zustand';
import type { ImageRole } from '../../../shared/catalog/video-model';
import type { Draft, DraftPatch } from '../../../shared/drafts/draft-models';
import { fitToModel } from '../../../shared/drafts/draft-request';
import type { IntentChange } from '../../../shared/intent/intent-models';
import type { ImageInspection } from '../../../shared/images/image-models';
import { api, unwrap } from '../../lib/bridge';
import { useModelsStore } from '../models';
import { useNoticesStore } from '../../lib/notices-store';

/** One of the draft's images as inspected and as it will be uploaded. */
export interface ImageView {
  readonly inspection: ImageInspection;
  readonly prepared: { readonly preview: string; readonly width: number; readonly height: number };
}

/** The draft being edited, its images as inspected and as they will be uploaded, and what just happened. */
export interface WorkbenchStore {
  readonly draft: Draft | null;
  /** Each image of the draft, by its index in `draft.images`, once inspected and prepared. */
  readonly images: Readonly<Record<number, ImageView>>;
  readonly saving: boolean;
  open(): Promise<void>;
  /** Switches the workbench to another draft (saving the current one first). */
  openDraft(id: string | null): Promise<void>;
  /** Replaces the draft shown after a change made elsewhere (a preset, a restored version). */
  show(draft: Draft): Promise<void>;
  edit(patch: DraftPatch): void;
  /** Moves the draft to another model, keeping what still fits; returns what changed so the window can say so. */
  chooseModel(modelId: string): readonly IntentChange[];
  flush(): Promise<void>;
  attachData(role: ImageRole, dataUrl: string): Promise<void>;
  pick(role: ImageRole): Promise<void>;
  removeImage(index: number): Promise<void>;
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

  /** Inspects and prepares every image for the draft's model and params, exactly as its job will. */
  async function refreshImages(): Promise<void> {
    const draft = get().draft;
    if (!draft || draft.images.length === 0) return set({ images: {} });
    const target = { model: draft.model, params: draft.params };
    try {
      const views = await Promise.all(
        draft.images.map(async (image) => {
          const inspection = await unwrap(api().images.inspect({ image: image.path, target }));
          const prepared = await unwrap(
            api().images.prepare({ image: image.path, ...target, ...(image.crop ? { crop: image.crop } : {}) }),
          );
          return {
            inspection,
            prepared: { preview: prepared.preview, width: prepared.width, height: prepared.height },
          };
        }),
      );
      if (get().draft?.id === draft.id) set({ images: Object.fromEntries(views.map((view, index) => [index, view])) });
    } catch (error) {
      set({ images: {} });
      fail(error);
    }
  }
  const refreshSoon = () => {
    window.clearTimeout(refreshTimer);
    refreshTimer = window.setTimeout(() => void refreshImages(), 250);
  };

  /** The save under way, if any: a later save (or an image change) waits for it, so writes reach main in order. */
  let saveUnderWay: Promise<void> | null = null;

  /**
   * Saves what is pending, after any save still under way: an image chosen right after a length was changed must
   * not be written on top of a draft that has not received that length yet.
   */
  async function flush(): Promise<void> {
    while (saveUnderWay) await saveUnderWay;
    const run = save().finally(() => {
      if (saveUnderWay === run) saveUnderWay = null;
    });
    saveUnderWay = run;
    await run;
  }

  async function save(): Promise<void> {
    window.clearTimeout(timer);
    const draft = get().draft;
    if (!draft || Object.keys(pending).length === 0) return;
    const patch = pending;
    pending = {};
    try {
      const saved = await unwrap(api().drafts.update({ id: draft.id, patch }));
      // Keep what was edited while the save was out (typing, a length chosen right after a model switch): the
      // saved draft brings its title and time; the fields still pending stay as the user has them.
      const current = get().draft;
      const editedMeanwhile = Object.keys(pending).length > 0;
      set({
        draft:
          current && editedMeanwhile
            ? {
                ...saved,
                prompt: current.prompt,
                model: current.model,
                params: current.params,
                camera: current.camera,
                modelExtras: current.modelExtras,
                images: current.images,
              }
            : { ...saved, prompt: current?.prompt ?? saved.prompt },
        saving: editedMeanwhile,
      });
    } catch (error) {
      pending = { ...patch, ...pending };
      fail(error);
    }
  }

  /** Runs an image change on the main side and shows its result. */
  async function changeImages(change: (id: string) => Promise<Draft>): Promise<void> {
    const draft = get().draft;
    if (!draft) return;
    await flush();
    try {
      set({ draft: await change(draft.id), images: {} });
      await refreshImages();
    } catch (error) {
      fail(error);
    }
  }
  const setImage = (role: ImageRole, image: string) =>
    changeImages((id) => unwrap(api().drafts.setImage({ id, role, image })));

  return {
    draft: null,
    images: {},
    saving: false,
    async open() {
      try {
        const [latest] = await unwrap(api().drafts.list({}));
        set({ draft: latest ?? (await unwrap(api().drafts.create({}))) });
        await refreshImages();
      } catch (error) {
        fail(error);
      }
    },
    async openDraft(id) {
      await flush();
      try {
        set({
          draft: id ? await unwrap(api().drafts.get({ id })) : await unwrap(api().drafts.create({})),
          images: {},
        });
        await refreshImages();
      } catch (error) {
        fail(error);
      }
    },
    async show(draft) {
      set({ draft, images: {} });
      await refreshImages();
    },
    edit(patch) {
      const draft = get().draft;
      if (!draft) return;
      pending = { ...pending, ...patch };
      const images = patch.crop
        ? draft.images.map((image, index) =>
            index === patch.crop?.index ? { ...image, crop: patch.crop.rect } : image,
          )
        : draft.images;
      set({
        draft: {
          ...draft,
          ...(patch.prompt !== undefined ? { prompt: patch.prompt } : {}),
          ...(patch.model !== undefined ? { model: patch.model } : {}),
          ...(patch.params !== undefined ? { params: patch.params } : {}),
          ...(patch.camera !== undefined ? { camera: patch.camera } : {}),
          ...(patch.modelExtras !== undefined ? { modelExtras: patch.modelExtras } : {}),
          images,
        },
        saving: true,
      });
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void flush(), AUTOSAVE_MS);
      if (patch.params || patch.model || patch.crop) refreshSoon();
    },
    chooseModel(modelId) {
      const draft = get().draft;
      if (!draft) return [];
      const { settings, changes, modelExtras, camera } = fitToModel(useModelsStore.getState().catalog, draft, modelId);
      get().edit({ model: settings.model, params: settings.params, modelExtras, camera });
      return changes;
    },
    flush,
    async attachData(role, dataUrl) {
      try {
        await setImage(role, (await unwrap(api().images.importData({ dataUrl }))).image);
      } catch (error) {
        fail(error);
      }
    },
    async pick(role) {
      try {
        const picked = await unwrap(api().images.pick());
        if (picked) await setImage(role, picked.image);
      } catch (error) {
        fail(error);
      }
    },
    removeImage: (index) => changeImages((id) => unwrap(api().drafts.removeImage({ id, index }))),
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
