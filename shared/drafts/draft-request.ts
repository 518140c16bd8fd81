import type { ModelCatalog, Params } from '../catalog/video-model';
import { compileIntent } from '../intent/compile-intent';
import type { CameraIntent, IntentChange } from '../intent/intent-models';
import { readIntent } from '../intent/read-intent';
import type { GenerationSettings } from './draft-models';

/** A draft's or shot's settings with what it keeps beyond the model's params. */
export interface HeldSettings extends GenerationSettings {
  readonly camera?: CameraIntent | null | undefined;
  readonly modelExtras?: Readonly<Record<string, Params>> | undefined;
}

/** Settings moved to another model: its params, the extras kept per model, the camera, and what changed and why. */
export interface FittedSettings {
  readonly settings: GenerationSettings;
  readonly modelExtras: Record<string, Params>;
  readonly camera: CameraIntent | null;
  readonly changes: readonly IntentChange[];
}

/**
 * What a draft's settings become on another model, through its intent: read back from the current model's params
 * (length, shape, resolution, sound, camera) and compiled for the next one (snapped to what it offers, in its own
 * spelling). The current model's extras (a seed, a negative prompt) are kept under its id and come back when it is
 * chosen again; they carry over where the next model takes them too, and the next model's own kept ones win.
 */
export function fitToModel(catalog: ModelCatalog, from: HeldSettings, toModelId: string): FittedSettings {
  const read = readIntent(catalog, { model: from.model, params: from.params, prompt: '', images: [] });
  const modelExtras = { ...from.modelExtras, [from.model]: read.extras };
  const camera = from.camera ?? read.intent.camera;
  // The camera is applied when the request is sent (a field where the model has one, else words in the prompt).
  const compiled = compileIntent(catalog, { ...read.intent, camera: null }, toModelId, {
    ...read.extras,
    ...from.modelExtras?.[toModelId],
  });
  if (!compiled) return { settings: from, modelExtras: { ...from.modelExtras }, camera, changes: [] };
  return {
    settings: { model: compiled.model, params: compiled.params },
    modelExtras,
    camera,
    changes: compiled.changes,
  };
}
