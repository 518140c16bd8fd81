import { aspectKeyOf } from '../catalog/aspect-ratio';
import { checkParam, listWords } from '../catalog/generation-request';
import {
  aspectValueFor,
  choicesFor,
  defaultOf,
  durationsOf,
  findModel,
  imageSlotsOf,
  paramFor,
  paramNamed,
  shapeNamesOf,
} from '../catalog/model-lookup';
import type { ModelCatalog, Params, ParamSpec, ParamValue, VideoModel } from '../catalog/video-model';
import { cameraFieldOf, cameraMoveWords, cameraPhrase, cameraValueFor, soundSwitchOf } from './camera-words';
import type { IntentChange, IntentImage, ShotIntent } from './intent-models';
import { nearestResolution, RESOLUTION_CLASS_WORDS, resolutionClassOf } from './resolution-class';

/** A model's request compiled from an intent, and every way it differs from what the intent asked. */
export interface CompiledRequest {
  readonly model: string;
  readonly prompt: string;
  readonly params: Params;
  readonly images: readonly IntentImage[];
  readonly changes: readonly IntentChange[];
}

const seconds = (value: number) => `${value} s`;

/** The duration parameter's value nearest the wanted seconds, in the parameter's own type. */
function nearestDuration(param: ParamSpec, wanted: number): ParamValue | undefined {
  if (param.kind === 'number') {
    const low = param.min ?? wanted;
    const high = param.max ?? wanted;
    return Math.min(high, Math.max(low, param.integer ? Math.round(wanted) : wanted));
  }
  if (param.kind !== 'choice') return undefined;
  const offered = param.values.filter((value) => Number.isFinite(Number(value)));
  // Ties go to the longer: a shot cut short loses what was asked for; a longer one can be trimmed.
  return offered.reduce<string | number | undefined>((best, value) => {
    if (best === undefined) return value;
    const gap = Math.abs(Number(value) - wanted) - Math.abs(Number(best) - wanted);
    return gap < 0 || (gap === 0 && Number(value) > Number(best)) ? value : best;
  }, undefined);
}

/** "5 or 10", "from 3 to 15": what durations a model offers, for a change's reason. */
function offeredWords(model: VideoModel): string {
  const offered = durationsOf(model);
  if (offered.kind === 'list') return listWords(offered.seconds);
  if (offered.kind === 'range') return `from ${offered.min} to ${offered.max}`;
  return offered.seconds === null ? 'one fixed length' : `only ${offered.seconds}`;
}

function compileDuration(model: VideoModel, wanted: number, params: Record<string, ParamValue>): IntentChange[] {
  const param = paramFor(model, 'duration');
  if (!param) {
    if (model.fixedSeconds === null || model.fixedSeconds === wanted) return [];
    const why = `${model.label} makes ${seconds(model.fixedSeconds)} videos only`;
    return [{ what: 'duration', from: seconds(wanted), to: seconds(model.fixedSeconds), why }];
  }
  const value = nearestDuration(param, wanted);
  if (value === undefined) return [];
  params[param.name] = value;
  if (Number(value) === wanted) return [];
  const why = `${model.label} offers ${offeredWords(model)} s`;
  return [{ what: 'duration', from: seconds(wanted), to: seconds(Number(value)), why }];
}

function compileShape(model: VideoModel, wanted: string, params: Record<string, ParamValue>): IntentChange[] {
  const param = paramFor(model, 'aspect');
  if (!param)
    return [{ what: 'shape', from: wanted, to: null, why: `${model.label} has no shape choice; it follows the image` }];
  const value = param.kind === 'choice' ? aspectValueFor(model, wanted) : wanted;
  if (value !== undefined) {
    params[param.name] = value;
    return [];
  }
  const fallback = defaultOf(param);
  const to = fallback === undefined ? null : (aspectKeyOf(fallback) ?? String(fallback));
  return [{ what: 'shape', from: wanted, to, why: `${model.label} makes ${listWords(shapeNamesOf(model))} videos` }];
}

function compileResolution(
  model: VideoModel,
  wanted: NonNullable<ShotIntent['resolution']>,
  params: Record<string, ParamValue>,
): IntentChange[] {
  const param = paramFor(model, 'resolution');
  const from = RESOLUTION_CLASS_WORDS[wanted];
  const value = param?.kind === 'choice' ? nearestResolution(param.values, wanted) : undefined;
  if (!param || value === undefined) {
    return [{ what: 'resolution', from, to: null, why: `${model.label} has no resolution choice` }];
  }
  params[param.name] = value;
  if (resolutionClassOf(value) === wanted) return [];
  const offered = listWords(choicesFor(model, 'resolution'));
  return [{ what: 'resolution', from, to: String(value), why: `${model.label} offers ${offered}` }];
}

function compileSound(model: VideoModel, wanted: boolean, params: Record<string, ParamValue>): IntentChange[] {
  const param = soundSwitchOf(model);
  if (param) {
    params[param.name] = wanted;
    return [];
  }
  const from = wanted ? 'sound on' : 'sound off';
  return [{ what: 'sound', from, to: null, why: `${model.label} has no sound switch; it does what it always does` }];
}

/** Puts the camera in the model's camera field when it has a value for the move, else a phrase in the prompt. */
function compileCamera(
  model: VideoModel,
  camera: NonNullable<ShotIntent['camera']>,
  params: Record<string, ParamValue>,
): { readonly phrase: string | null; readonly changes: IntentChange[] } {
  const field = cameraFieldOf(model);
  const value = field ? cameraValueFor(field, camera.move) : undefined;
  if (field && value !== undefined) {
    params[field.name] = value;
    return { phrase: null, changes: [] };
  }
  const phrase = cameraPhrase(model, camera);
  const why = field ? `${field.name} has no ${cameraMoveWords(camera.move)}` : 'no camera field';
  return { phrase, changes: [{ what: 'camera', from: cameraMoveWords(camera.move), to: 'prompt phrase', why }] };
}

const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
const slotWords = (count: number) => (count === 1 ? '1 slot' : `${count} slots`);

/** Places the images in the model's slots; what has no slot becomes a reference, a description, or is left out. */
function compileImages(
  model: VideoModel,
  images: readonly IntentImage[],
): { readonly images: IntentImage[]; readonly described: string[]; readonly changes: IntentChange[] } {
  const slots = imageSlotsOf(model);
  const placed: IntentImage[] = [];
  const described: string[] = [];
  const changes: IntentChange[] = [];
  const first = images.find((image) => image.role === 'first');
  const last = images.find((image) => image.role === 'last');
  const references = images.filter((image) => image.role === 'reference');
  if (first) {
    if (slots.first > 0) placed.push(first);
    else if (slots.reference > 0) {
      references.unshift({ ...first, role: 'reference' });
      changes.push({
        what: 'images',
        from: 'first frame',
        to: 'reference',
        why: `${model.label} has no first-frame slot`,
      });
    } else changes.push({ what: 'images', from: 'first frame', to: null, why: `${model.label} takes no images` });
  }
  if (last) {
    if (slots.last > 0 && placed.some((image) => image.role === 'first')) placed.push(last);
    else
      changes.push({
        what: 'images',
        from: 'last frame',
        to: null,
        why:
          slots.last > 0
            ? `${model.label} takes a last frame only with a first`
            : `${model.label} has no last-frame slot`,
      });
  }
  references.forEach((image, index) => {
    if (index < slots.reference) {
      placed.push(image);
      return;
    }
    const why = slots.reference === 0 ? `${model.label} takes no references` : slotWords(slots.reference);
    const name = `${ordinal(index + 1)} reference`;
    if (image.describedAs) {
      described.push(image.describedAs);
      changes.push({ what: 'images', from: name, to: 'described', why });
    } else changes.push({ what: 'images', from: name, to: null, why });
  });
  return { images: placed, described, changes };
}

/** The model's own extras the intent has no word for (a seed, a negative prompt, a mode), where they still fit. */
function applyExtras(model: VideoModel, extras: Params, params: Record<string, ParamValue>): IntentChange[] {
  const changes: IntentChange[] = [];
  for (const [name, value] of Object.entries(extras)) {
    const param = paramNamed(model, name);
    if (!param || params[name] !== undefined) continue;
    if (checkParam(model, param, value) === null) params[name] = value;
    else
      changes.push({ what: name, from: String(value), to: null, why: `${model.label}'s ${name} no longer takes it` });
  }
  return changes;
}

/**
 * Compiles what a shot asks for into one model's request: durations snapped to what it offers, shapes and
 * resolutions in its own spelling, the camera into its camera field or its prompt, images into its slots (or
 * described), sound into its switch, and its own extras. Every difference from the intent is listed, with why.
 * Null when the catalog has no such model.
 */
export function compileIntent(
  catalog: ModelCatalog,
  intent: ShotIntent,
  modelId: string,
  extras: Params = {},
): CompiledRequest | null {
  const model = findModel(catalog, modelId);
  return model ? compileFor(model, intent, extras) : null;
}

/** {@link compileIntent} for a model in hand. */
export function compileFor(model: VideoModel, intent: ShotIntent, extras: Params = {}): CompiledRequest {
  const params: Record<string, ParamValue> = {};
  const changes: IntentChange[] = [];
  if (intent.seconds !== null) changes.push(...compileDuration(model, intent.seconds, params));
  if (intent.shape !== null) changes.push(...compileShape(model, intent.shape, params));
  if (intent.resolution !== null) changes.push(...compileResolution(model, intent.resolution, params));
  if (intent.sound !== null) changes.push(...compileSound(model, intent.sound, params));
  const camera = intent.camera ? compileCamera(model, intent.camera, params) : { phrase: null, changes: [] };
  changes.push(...camera.changes);
  const images = compileImages(model, intent.images);
  changes.push(...images.changes);
  changes.push(...applyExtras(model, extras, params));
  const additions = [camera.phrase, ...images.described].filter((text): text is string => text !== null);
  const prompt = additions.length === 0 ? intent.prompt : `${intent.prompt.trimEnd()}\n\n${additions.join('\n')}`;
  return { model: model.id, prompt, params, images: images.images, changes };
}

/**
 * A stored request with its camera applied, as it is sent: the model's camera field set where it has a value for
 * the move, else the move's words added to the prompt (the change that says so). Everything else is sent as set.
 */
export function withCamera(
  catalog: ModelCatalog,
  request: { readonly model: string; readonly prompt: string; readonly params: Params },
  camera: ShotIntent['camera'],
): { readonly prompt: string; readonly params: Params; readonly changes: readonly IntentChange[] } {
  const model = findModel(catalog, request.model);
  if (!model || !camera) return { prompt: request.prompt, params: request.params, changes: [] };
  const params: Record<string, ParamValue> = { ...request.params };
  const { phrase, changes } = compileCamera(model, camera, params);
  const prompt = phrase === null ? request.prompt : `${request.prompt.trimEnd()}\n\n${phrase}`;
  return { prompt, params, changes };
}
