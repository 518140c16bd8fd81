import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { diffWordsWithSpace } from 'diff';
import { defaultModelId } from '../../../shared/catalog/model-catalog';
import type { ImageRole, ModelCatalog, Params } from '../../../shared/catalog/video-model';
import {
  draftPatchSchema,
  type Draft,
  type DraftVersion,
  type DraftImage,
  type GenerationSettings,
  type Preset,
} from '../../../shared/drafts/draft-models';
import type { Job } from '../../../shared/jobs/job-models';
import type { JobRunner } from '../jobs/job-runner';
import type { DraftStore } from '../storage/draft-store';
import { planBatch, type BatchPlan, type BatchSpec } from './batch-plan';
import { ownImageCopy } from './own-image-copy';
import { BUILT_IN_PRESETS, withStyle } from './built-in-presets';
import { withCamera } from '../../../shared/intent/compile-intent';
import { appError } from '../../../shared/i18n/error-text';

/** Drafting: drafts, versions, presets and batches. Works with no network and no key at all. */
export interface DraftService {
  create(initial?: { prompt?: string; model?: string; params?: Params; title?: string }): Draft;
  update(id: string, patch: unknown): Draft;
  get(id: string): Draft;
  list(options?: { search?: string; deleted?: boolean }): Draft[];
  /**
   * Gives the draft its own copy of an image in a role: a first or last frame replaces the one it had, a reference is
   * added to the others. `null` removes every image of that role.
   */
  setImage(id: string, role: ImageRole, source: string | null): Promise<Draft>;
  /** Removes the image at `index` of the draft's images. */
  removeImage(id: string, index: number): Draft;
  duplicate(id: string): Draft;
  remove(id: string): Draft;
  undoRemove(id: string): Draft;
  purge(olderThanMs: number): Promise<number>;
  saveVersion(id: string): DraftVersion;
  versions(id: string): DraftVersion[];
  diff(fromVersionId: string, toVersionId: string | 'current'): { kind: 'same' | 'added' | 'removed'; text: string }[];
  restoreVersion(versionId: string): Draft;
  presets(): Preset[];
  savePreset(preset: { id?: string; name: string; model: string; params: Params; style: string }): Preset;
  deletePreset(id: string): void;
  applyPreset(draftId: string, presetId: string): Draft;
  generate(id: string): Job;
  planBatch(id: string, spec: BatchSpec): BatchPlan;
  runBatch(id: string, spec: BatchSpec): Job[];
}

/** What the service works with. */
export interface DraftServiceDeps {
  readonly store: DraftStore;
  readonly imagesDir: string;
  readonly jobs: () => JobRunner;
  readonly pricePerSecond: (model: string) => number | null;
  /** The model catalog as it is now. */
  readonly catalog: () => ModelCatalog;
  readonly now?: () => Date;
}

const TITLE_WORDS = 6;
const notFound = () => appError('notFound', 'error.draft.notFound');
const autoTitle = (prompt: string) => prompt.trim().split(/\s+/).slice(0, TITLE_WORDS).join(' ').slice(0, 80); // '' = untitled: the page shows that in the user's language

/** Creates the service. */
export function createDraftService(deps: DraftServiceDeps): DraftService {
  const now = () => (deps.now ?? (() => new Date()))().toISOString();
  /** A new draft's model: the last one used, else the first available of a short list; its params at their defaults. */
  const defaultModel = (): string => {
    const newest = deps.store.listDrafts({ deleted: false }).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    return defaultModelId(deps.catalog(), newest?.model ?? null);
  };

  const get = (id: string): Draft => {
    const draft = deps.store.getDraft(id);
    if (!draft) throw notFound();
    return draft;
  };
  const save = (draft: Draft): Draft => {
    deps.store.saveDraft(draft);
    return draft;
  };
  const snapshot = (draft: Draft, reason: DraftVersion['reason'], jobId: string | null = null): DraftVersion => {
    const version: DraftVersion = {
      id: randomUUID(),
      draftId: draft.id,
      createdAt: now(),
      reason,
      prompt: draft.prompt,
      model: draft.model,
      params: draft.params,
      notes: draft.notes,
      images: draft.images,
      jobId,
    };
    deps.store.saveVersion(version);
    return version;
  };
  const allPresets = (): Preset[] => [...BUILT_IN_PRESETS, ...deps.store.presets()];
  const enqueue = (draft: Draft, prompt: string, settings: GenerationSettings, reason: DraftVersion['reason']): Job => {
    const version = snapshot({ ...draft, prompt, ...settings }, reason);
    // The draft's camera goes in as the model takes it: its camera field, else words in the prompt.
    const sent = withCamera(deps.catalog(), { model: settings.model, prompt, params: settings.params }, draft.camera);
    const job = deps.jobs().enqueue({
      prompt: sent.prompt,
      model: settings.model,
      params: sent.params,
      images: draft.images.map((image) => ({ role: image.role, path: image.path, crop: image.crop })),
      title: draft.titleIsAuto ? null : draft.title,
      draftId: draft.id,
      draftVersionId: version.id,
    });
    deps.store.saveVersion({ ...version, jobId: job.id });
    return job;
  };
  const copyImage = (draft: Draft, source: string) => ownImageCopy(path.join(deps.imagesDir, draft.id), source);

  return {
    create(initial = {}) {
      const prompt = initial.prompt ?? '';
      const at = now();
      return save({
        id: randomUUID(),
        title: initial.title ?? autoTitle(prompt),
        titleIsAuto: initial.title === undefined,
        prompt,
        model: initial.model ?? defaultModel(),
        params: initial.params ?? {},
        camera: null,
        modelExtras: {},
        images: [],
        notes: '',
        pinned: false,
        createdAt: at,
        updatedAt: at,
        deletedAt: null,
      });
    },
    update(id, rawPatch) {
      const patch = draftPatchSchema.parse(rawPatch);
      const draft = get(id);
      const titleIsAuto = patch.title !== undefined ? patch.title.trim() === '' : draft.titleIsAuto;
      const prompt = patch.prompt ?? draft.prompt;
      const title =
        patch.title !== undefined && patch.title.trim() !== ''
          ? patch.title.trim()
          : titleIsAuto
            ? autoTitle(prompt)
            : draft.title;
      return save({
        ...draft,
        prompt,
        title,
        titleIsAuto,
        model: patch.model ?? draft.model,
        params: patch.params ?? draft.params,
        camera: patch.camera === undefined ? draft.camera : patch.camera,
        modelExtras: patch.modelExtras ?? draft.modelExtras,
        images:
          patch.crop === undefined
            ? draft.images
            : draft.images.map((image, index) =>
                index === patch.crop?.index ? { ...image, crop: patch.crop.rect } : image,
              ),
        notes: patch.notes ?? draft.notes,
        pinned: patch.pinned ?? draft.pinned,
        updatedAt: now(),
      });
    },
    get,
    list: (options = {}) => deps.store.listDrafts({ search: options.search, deleted: options.deleted ?? false }),
    async setImage(id, role, source) {
      const draft = get(id);
      const others =
        role === 'reference' && source !== null ? draft.images : draft.images.filter((image) => image.role !== role);
      if (source === null) return save({ ...draft, images: others, updatedAt: now() });
      const added: DraftImage = { role, path: await copyImage(draft, source), crop: null };
      return save({ ...draft, images: [...others, added], updatedAt: now() });
    },
    removeImage(id, index) {
      const draft = get(id);
      return save({ ...draft, images: draft.images.filter((_, at) => at !== index), updatedAt: now() });
    },
    duplicate(id) {
      const draft = get(id);
      const at = now();
      return save({
        ...draft,
        id: randomUUID(),
        title: draft.title === '' ? '' : `${draft.title} (copy)`,
        titleIsAuto: draft.title === '',
        pinned: false,
        createdAt: at,
        updatedAt: at,
        deletedAt: null,
      });
    },
    remove: (id) => save({ ...get(id), deletedAt: now() }),
    undoRemove: (id) => save({ ...get(id), deletedAt: null, updatedAt: now() }),
    async purge(olderThanMs) {
      const cutoff = Date.parse(now()) - olderThanMs;
      const old = deps.store
        .listDrafts({ deleted: true })
        .filter((draft) => draft.deletedAt !== null && Date.parse(draft.deletedAt) < cutoff);
      for (const draft of old) {
        deps.store.deleteDraft(draft.id);
        await rm(path.join(deps.imagesDir, draft.id), { recursive: true, force: true });
      }
      return old.length;
    },
    saveVersion: (id) => snapshot(get(id), 'saved'),
    versions: (id) => deps.store.versions(get(id).id),
    diff(fromVersionId, toVersionId) {
      const from = deps.store.getVersion(fromVersionId);
      if (!from) throw notFound();
      const to = toVersionId === 'current' ? get(from.draftId).prompt : deps.store.getVersion(toVersionId)?.prompt;
      if (to === undefined) throw notFound();
      return diffWordsWithSpace(from.prompt, to).map((part) => ({
        kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
        text: part.value,
      }));
    },
    restoreVersion(versionId) {
      const version = deps.store.getVersion(versionId);
      if (!version) throw notFound();
      const draft = get(version.draftId);
      // What is being replaced becomes a version itself: restoring is undoable.
      snapshot(draft, 'restored');
      return save({
        ...draft,
        prompt: version.prompt,
        model: version.model,
        params: version.params,
        notes: version.notes,
        images: version.images,
        title: draft.titleIsAuto ? autoTitle(version.prompt) : draft.title,
        updatedAt: now(),
      });
    },
    presets: allPresets,
    savePreset(input) {
      if (input.id?.startsWith('builtin:')) throw appError('invalidInput', 'error.preset.builtInChanged');
      const preset: Preset = {
        id: input.id ?? `user:${randomUUID()}`,
        name: input.name.trim() || 'Untitled preset',
        builtIn: false,
        model: input.model,
        params: input.params,
        style: input.style,
      };
      deps.store.savePreset(preset);
      return preset;
    },
    deletePreset(id) {
      if (id.startsWith('builtin:')) throw appError('invalidInput', 'error.preset.builtInDeleted');
      deps.store.deletePreset(id);
    },
    applyPreset(draftId, presetId) {
      const preset = allPresets().find((candidate) => candidate.id === presetId);
      if (!preset) throw appError('notFound', 'error.preset.notFound');
      const draft = get(draftId);
      const prompt = withStyle(draft.prompt, preset.style);
      return save({
        ...draft,
        model: preset.model,
        params: preset.params,
        prompt,
        title: draft.titleIsAuto ? autoTitle(prompt) : draft.title,
        updatedAt: now(),
      });
    },
    generate(id) {
      const draft = get(id);
      if (!draft.prompt.trim()) throw appError('invalidInput', 'error.draft.noPrompt');
      return enqueue(draft, draft.prompt, draft, 'generated');
    },
    planBatch(id, spec) {
      const draft = get(id);
      return planBatch(spec, draft, deps.catalog(), deps.pricePerSecond);
    },
    runBatch(id, spec) {
      const draft = get(id);
      const plan = planBatch(spec, draft, deps.catalog(), deps.pricePerSecond);
      return plan.jobs.map((job) => enqueue(draft, job.prompt, job, 'generated'));
    },
  };
}
