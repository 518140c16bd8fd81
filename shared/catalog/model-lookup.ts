import { aspectKeyOf, matchAspect, parseAspect, type AspectRatio } from './aspect-ratio';
import type { Frame, ImageRole, ModelCatalog, ParamSpec, Params, ParamValue, VideoModel } from './video-model';

/** The model with this id, if the catalog has it. */
export function findModel(catalog: ModelCatalog, modelId: string): VideoModel | undefined {
  return catalog.models.find((model) => model.id === modelId);
}

/** The parameter carrying the aspect, the resolution or the duration, in whatever spelling the model uses. */
export function paramFor(model: VideoModel, meaning: NonNullable<ParamSpec['meaning']>): ParamSpec | undefined {
  return model.params.find((param) => param.meaning === meaning);
}

/** The parameter named `name`. */
export function paramNamed(model: VideoModel, name: string): ParamSpec | undefined {
  return model.params.find((param) => param.name === name);
}

/** The value a parameter has when the request leaves it out: its default, else (for a choice) its first value. */
export function defaultOf(param: ParamSpec): ParamValue | undefined {
  switch (param.kind) {
    case 'choice':
      return param.default ?? param.values[0];
    case 'number':
      return param.default ?? param.min ?? undefined;
    case 'switch':
    case 'text':
      return param.default ?? undefined;
    case 'json':
      return undefined;
  }
}

/** The value of a meaning-carrying parameter in a request, its default filled in. */
export function valueFor(
  model: VideoModel,
  params: Params,
  meaning: NonNullable<ParamSpec['meaning']>,
): ParamValue | undefined {
  const param = paramFor(model, meaning);
  if (!param) return undefined;
  return params[param.name] ?? defaultOf(param);
}

/** The seconds a request makes (and bills), or null when neither the request nor the snapshot says. */
export function secondsOf(model: VideoModel, params: Params): number | null {
  const value = valueFor(model, params, 'duration');
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseFloat(value) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : model.fixedSeconds;
}

/** The durations a model offers: a list, or a range. */
export type Durations =
  | { readonly kind: 'list'; readonly seconds: readonly number[] }
  | { readonly kind: 'range'; readonly min: number; readonly max: number }
  | { readonly kind: 'fixed'; readonly seconds: number | null };

/** The durations a model offers. */
export function durationsOf(model: VideoModel): Durations {
  const param = paramFor(model, 'duration');
  if (param?.kind === 'choice') return { kind: 'list', seconds: param.values.map(Number).filter(Number.isFinite) };
  if (param?.kind === 'number' && param.min !== null && param.max !== null)
    return { kind: 'range', min: param.min, max: param.max };
  return { kind: 'fixed', seconds: model.fixedSeconds };
}

/** The values a choice parameter of this meaning offers (shapes, resolutions), in the model's spelling. */
export function choicesFor(model: VideoModel, meaning: 'aspect' | 'resolution'): readonly (string | number)[] {
  const param = paramFor(model, meaning);
  return param?.kind === 'choice' ? param.values : [];
}

/**
 * The shapes a model offers as people name them: each shape once, as the model writes its ratio (`21:9`, not the
 * reduced `7:3`), `16:9` for a model that only says `landscape`, and `adaptive` as is.
 */
export function shapeNamesOf(model: VideoModel): readonly string[] {
  const names = new Map<string, string>();
  for (const value of choicesFor(model, 'aspect')) {
    const key = aspectKeyOf(value);
    if (key === null) continue;
    const spelled = String(value);
    if (!names.has(key) || /^\d+:\d+$/.test(spelled)) names.set(key, /^\d+:\d+$/.test(spelled) ? spelled : key);
  }
  return [...names.values()];
}

/** How many images of each role a model takes (0 for a role it does not). */
export function imageSlotsOf(model: VideoModel): Readonly<Record<ImageRole, number>> {
  const slots: Record<ImageRole, number> = { first: 0, last: 0, reference: 0 };
  for (const input of model.images) {
    for (const role of input.roles) {
      const most = role === 'reference' ? input.maxItems : 1;
      slots[role] = Math.max(slots[role], most);
    }
  }
  return slots;
}

/** The role of a model's main image input (`--image`, an image dropped anywhere): its first frame, else a reference. */
export function mainImageRole(model: VideoModel): ImageRole | null {
  const slots = imageSlotsOf(model);
  return slots.first > 0 ? 'first' : slots.reference > 0 ? 'reference' : null;
}

/** What an image for a request is prepared to: an exact frame, an exact shape at the image's own size, or as it is. */
export type ImageTarget =
  | { readonly kind: 'frame'; readonly frame: Frame }
  | { readonly kind: 'ratio'; readonly ratio: Exclude<AspectRatio, 'adaptive'> }
  | { readonly kind: 'adaptive' };

/**
 * The frame images are prepared to for a request: the model's exact frame for its shape and resolution when the
 * snapshot knows it, else the exact shape; a model without a shape field (or with `adaptive`) follows the image.
 */
export function imageTargetOf(model: VideoModel, params: Params): ImageTarget {
  const aspect = valueFor(model, params, 'aspect');
  const ratio = aspect === undefined ? 'adaptive' : parseAspect(aspect);
  if (ratio === null || ratio === 'adaptive') return { kind: 'adaptive' };
  const key = aspectKeyOf(aspect as string);
  const resolution = valueFor(model, params, 'resolution');
  const entry =
    model.frames.find((frame) => frame.aspect === key && frame.resolution === String(resolution ?? '')) ??
    model.frames.find((frame) => frame.aspect === key && frame.resolution === null);
  return entry ? { kind: 'frame', frame: { width: entry.width, height: entry.height } } : { kind: 'ratio', ratio };
}

/** The model's spelling of a shape (`16:9` → `landscape` for a model that says so), if it offers that shape. */
export function aspectValueFor(model: VideoModel, wanted: string): string | number | undefined {
  const found = matchAspect(choicesFor(model, 'aspect'), wanted);
  return typeof found === 'boolean' ? undefined : found;
}
