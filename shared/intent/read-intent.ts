import { aspectKeyOf } from '../catalog/aspect-ratio';
import { findModel, paramFor, secondsOf, valueFor } from '../catalog/model-lookup';
import type { ModelCatalog, Params, ParamValue } from '../catalog/video-model';
import { cameraFieldOf, cameraMoveOf, soundSwitchOf } from './camera-words';
import type { CameraIntent, IntentImage, ShotIntent } from './intent-models';
import { resolutionClassOf } from './resolution-class';

/** What a stored draft or shot holds: a model and its own params, a prompt, images, and perhaps a camera. */
export interface StoredSettings {
  readonly model: string;
  readonly params: Params;
  readonly prompt: string;
  readonly images: readonly IntentImage[];
  readonly camera?: CameraIntent | null | undefined;
}

/** An intent read back from a model's request, and the params it has no word for (kept as that model's extras). */
export interface ReadIntent {
  readonly intent: ShotIntent;
  readonly extras: Params;
}

/**
 * Reads a request written for one model back into intent plus that model's extras: the length, shape and resolution
 * it makes (its defaults included: a draft never touched is still "8 s, 16:9"), its sound switch and camera field
 * only where the request set them. This is how drafts, shots and presets written before intents existed migrate.
 */
export function readIntent(catalog: ModelCatalog, stored: StoredSettings): ReadIntent {
  const model = findModel(catalog, stored.model);
  const base = { prompt: stored.prompt, images: stored.images, camera: stored.camera ?? null };
  if (!model)
    return { intent: { ...base, seconds: null, shape: null, resolution: null, sound: null }, extras: stored.params };
  const consumed = new Set<string>();
  const take = (name: string | undefined): ParamValue | undefined => {
    if (name === undefined) return undefined;
    consumed.add(name);
    return stored.params[name];
  };
  for (const meaning of ['duration', 'aspect', 'resolution'] as const) take(paramFor(model, meaning)?.name);
  const aspect = valueFor(model, stored.params, 'aspect');
  const sound = take(soundSwitchOf(model)?.name);
  const cameraField = cameraFieldOf(model);
  const cameraMove = cameraMoveOf(take(cameraField?.name));
  const extras = Object.fromEntries(Object.entries(stored.params).filter(([name]) => !consumed.has(name)));
  // A camera value with no move of ours stays as the model's own extra.
  if (cameraField && cameraMove === null && stored.params[cameraField.name] !== undefined)
    extras[cameraField.name] = stored.params[cameraField.name] as ParamValue;
  return {
    intent: {
      ...base,
      seconds: secondsOf(model, stored.params),
      shape: aspect === undefined ? null : aspectKeyOf(aspect),
      resolution: resolutionClassOf(valueFor(model, stored.params, 'resolution')),
      sound: typeof sound === 'boolean' ? sound : null,
      camera: base.camera ?? (cameraMove === null ? null : { move: cameraMove, strength: 0.5 }),
    },
    extras,
  };
}
