import { aspectValueFor, choicesFor, defaultOf, findModel, imageSlotsOf, paramFor, paramNamed } from './model-lookup';
import type { ImageRole, ModelCatalog, ParamSpec, Params, ParamValue, VideoModel } from './video-model';

/** An image a request sends: its role and its uploaded URL. */
export interface RequestImage {
  readonly role: ImageRole;
  readonly url: string;
}

/** What a draft, the workbench or the CLI asks for, before validation. */
export interface GenerationInput {
  readonly model: string;
  readonly prompt: string;
  readonly params?: Params | undefined;
  readonly images?: readonly RequestImage[] | undefined;
}

/** A request the model allows: prompt trimmed, the shape, resolution and duration filled in. */
export interface GenerationRequest {
  readonly model: string;
  readonly prompt: string;
  readonly params: Params;
  readonly images: readonly RequestImage[];
}

/** One reason a request cannot be sent, about one field (`prompt`, `images`, `model` or a parameter's name). */
export interface RequestIssue {
  readonly field: string;
  readonly message: string;
}

/** The outcome of validating a request. */
export type RequestValidation =
  | { readonly ok: true; readonly request: GenerationRequest }
  | { readonly ok: false; readonly issues: readonly RequestIssue[] };

/** `4, 6 or 8`; a long list by its count and ends: `one of 240 values (move-001, move-002 … move-240)`. */
export function listWords(values: readonly (string | number)[]): string {
  if (values.length <= 1) return values.join('');
  if (values.length > 12)
    return `one of ${values.length} values (${values.slice(0, 2).join(', ')} … ${values[values.length - 1]})`;
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/** What a parameter accepts, in words: "4, 6 or 8", "a whole number from 3 to 15", "on or off". */
export function acceptedWords(param: ParamSpec): string {
  switch (param.kind) {
    case 'choice':
      return listWords(param.values);
    case 'number': {
      const what = param.integer ? 'a whole number' : 'a number';
      if (param.min !== null && param.max !== null) return `${what} from ${param.min} to ${param.max}`;
      if (param.min !== null) return `${what} of at least ${param.min}`;
      if (param.max !== null) return `${what} of at most ${param.max}`;
      return what;
    }
    case 'switch':
      return 'true or false';
    case 'text':
      return param.maxLength === null ? 'text' : `text of up to ${param.maxLength} characters`;
    case 'json':
      return 'a JSON value';
  }
}

/** Why a value does not fit a parameter, or null when it does. */
export function checkParam(model: VideoModel, param: ParamSpec, value: ParamValue): string | null {
  const refuse = () => `${model.label}'s ${param.name} takes ${acceptedWords(param)}, not ${JSON.stringify(value)}.`;
  switch (param.kind) {
    case 'choice':
      return param.values.includes(value as string | number) ? null : refuse();
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return refuse();
      if (param.integer && !Number.isInteger(value)) return refuse();
      if ((param.min !== null && value < param.min) || (param.max !== null && value > param.max)) return refuse();
      return null;
    case 'switch':
      return typeof value === 'boolean' ? null : refuse();
    case 'text':
      if (typeof value !== 'string') return refuse();
      return param.maxLength !== null && value.length > param.maxLength ? refuse() : null;
    case 'json':
      if (typeof value !== 'string') return null;
      try {
        JSON.parse(value);
        return null;
      } catch {
        return refuse();
      }
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

const ROLE_WORDS: Readonly<Record<ImageRole, string>> = {
  first: 'first-frame image',
  last: 'last-frame image',
  reference: 'reference image',
};

/** Problems with a request's images: roles the model does not take, too many, a last frame without a first. */
function checkImages(model: VideoModel, images: readonly RequestImage[], uploaded: boolean): RequestIssue[] {
  const slots = imageSlotsOf(model);
  const issues: RequestIssue[] = [];
  for (const role of ['first', 'last', 'reference'] as const) {
    const count = images.filter((image) => image.role === role).length;
    if (count === 0 || count <= slots[role]) continue;
    issues.push({
      field: 'images',
      message:
        slots[role] === 0
          ? `${model.label} takes no ${ROLE_WORDS[role]}.`
          : `${model.label} takes at most ${slots[role]} ${ROLE_WORDS[role]}${slots[role] === 1 ? '' : 's'}, not ${count}.`,
    });
  }
  // A closing frame without an opening one is not a request any model documents (one that takes no closing frame at
  // all was told so above: saying both would contradict).
  if (
    slots.last > 0 &&
    images.some((image) => image.role === 'last') &&
    !images.some((image) => image.role === 'first')
  )
    issues.push({ field: 'images', message: `${model.label} takes a last frame only together with a first frame.` });
  if (uploaded && images.some((image) => !isHttpUrl(image.url)))
    issues.push({ field: 'images', message: 'An image must be uploaded before it can be used.' });
  return issues;
}

/** Fills in the shape, resolution and duration a request leaves out, so a job records what it asked for. */
function withMeaningDefaults(model: VideoModel, params: Params): Params {
  const filled: Record<string, ParamValue> = { ...params };
  for (const meaning of ['duration', 'aspect', 'resolution'] as const) {
    const param = paramFor(model, meaning);
    if (!param || filled[param.name] !== undefined) continue;
    const fallback = defaultOf(param);
    if (fallback !== undefined) filled[param.name] = fallback;
  }
  return filled;
}

/**
 * Checks a request against the model before anything is uploaded or billed: every parameter's type, choices and
 * range, required fields, the images' roles and counts. Every problem is reported, each naming its field.
 */
export function validateGeneration(
  catalog: ModelCatalog,
  input: GenerationInput,
  options: { readonly imagesUploaded?: boolean } = {},
): RequestValidation {
  const model = findModel(catalog, input.model);
  if (!model)
    return {
      ok: false,
      issues: [{ field: 'model', message: `"${input.model}" is not a video model Reelbench knows.` }],
    };
  if (model.state === 'unavailable')
    return {
      ok: false,
      issues: [{ field: 'model', message: `${model.label} is no longer offered — choose another.` }],
    };

  const issues: RequestIssue[] = [];
  const prompt = input.prompt.trim();
  if (prompt.length === 0) issues.push({ field: 'prompt', message: 'Write a prompt first.' });
  if (prompt.length > catalog.prompt.maxLength) {
    issues.push({
      field: 'prompt',
      message: `The prompt is ${prompt.length} characters long; the limit is ${catalog.prompt.maxLength}.`,
    });
  }
  const params = input.params ?? {};
  for (const [name, value] of Object.entries(params)) {
    const param = paramNamed(model, name);
    if (!param) {
      const names = model.params.map((candidate) => candidate.name).join(', ');
      issues.push({ field: name, message: `${model.label} has no parameter "${name}"; it takes ${names}.` });
      continue;
    }
    const problem = checkParam(model, param, value);
    if (problem) issues.push({ field: name, message: problem });
  }
  for (const param of model.params) {
    if (param.required && params[param.name] === undefined && defaultOf(param) === undefined)
      issues.push({ field: param.name, message: `${model.label} needs ${param.name} (${acceptedWords(param)}).` });
  }
  const images = input.images ?? [];
  issues.push(...checkImages(model, images, options.imagesUploaded ?? true));
  for (const input of model.images) {
    if (input.required && !images.some((image) => input.roles.includes(image.role)))
      issues.push({ field: 'images', message: `${model.label} needs an image in ${input.field}.` });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, request: { model: model.id, prompt, params: withMeaningDefaults(model, params), images } };
}

/** A parameter's value as the body carries it: JSON parameters are sent as the value their text spells. */
function bodyValue(param: ParamSpec | undefined, value: ParamValue): unknown {
  return param?.kind === 'json' && typeof value === 'string' ? JSON.parse(value) : value;
}

/** The JSON body for `POST /v1/videos/generations`: the prompt, the parameters and each image in its field. */
export function toGenerationBody(model: VideoModel, request: GenerationRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model };
  if (model.promptField) body[model.promptField] = request.prompt;
  for (const [name, value] of Object.entries(request.params)) body[name] = bodyValue(paramNamed(model, name), value);
  const placed = new Set<RequestImage>();
  for (const input of model.images) {
    const mine = request.images.filter((image) => input.roles.includes(image.role) && !placed.has(image));
    if (mine.length === 0) continue;
    if (input.shape === 'url') {
      const [image] = mine;
      if (!image) continue;
      placed.add(image);
      body[input.field] = image.url;
    } else if (input.shape === 'roles') {
      const taken = mine.slice(0, input.maxItems);
      taken.forEach((image) => placed.add(image));
      body[input.field] = taken.map((image) => ({ url: image.url, role: input.roleWords[image.role] ?? image.role }));
    } else {
      // Position carries the role: first frame, then last frame; references in the order given.
      const order: ImageRole[] = ['first', 'last', 'reference'];
      const taken = [...mine].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role)).slice(0, input.maxItems);
      taken.forEach((image) => placed.add(image));
      body[input.field] = taken.map((image) => image.url);
    }
  }
  return body;
}

/** The shape, length and resolution as the CLI (or a script) names them, model-neutral. */
export interface CommonOptions {
  readonly duration?: number | undefined;
  readonly aspect?: string | undefined;
  readonly resolution?: string | undefined;
}

/**
 * Puts `--duration`, `--aspect` and `--resolution` into whatever fields the model uses (`aspect_ratio: landscape`,
 * `size: 16:9`, `mode: pro`), or says why one does not fit.
 */
export function applyCommonOptions(
  model: VideoModel,
  params: Params,
  options: CommonOptions,
): { readonly params: Params; readonly issues: readonly RequestIssue[] } {
  const next: Record<string, ParamValue> = { ...params };
  const issues: RequestIssue[] = [];
  if (options.duration !== undefined) {
    const param = paramFor(model, 'duration');
    if (!param) {
      const fixed = model.fixedSeconds === null ? '' : ` (its videos are ${model.fixedSeconds} s)`;
      issues.push({ field: 'duration', message: `${model.label} has no duration choice${fixed}.` });
    } else {
      const asString = param.kind === 'choice' && param.values.every((value) => typeof value === 'string');
      next[param.name] = asString ? String(options.duration) : options.duration;
    }
  }
  if (options.aspect !== undefined) {
    const param = paramFor(model, 'aspect');
    const value = param?.kind === 'choice' ? aspectValueFor(model, options.aspect) : options.aspect;
    if (!param) issues.push({ field: 'aspect', message: `${model.label} has no shape choice; it follows the image.` });
    else if (value === undefined)
      issues.push({
        field: 'aspect',
        message: `${model.label} makes ${listWords(choicesFor(model, 'aspect'))} videos, not ${options.aspect}.`,
      });
    else next[param.name] = value;
  }
  if (options.resolution !== undefined) {
    const param = paramFor(model, 'resolution');
    const values = choicesFor(model, 'resolution');
    const value = values.find((candidate) => String(candidate).toLowerCase() === options.resolution?.toLowerCase());
    if (!param) issues.push({ field: 'resolution', message: `${model.label} has no resolution choice.` });
    else if (value === undefined && param.kind === 'choice')
      issues.push({
        field: 'resolution',
        message: `${model.label} offers ${listWords(values)} resolution, not "${options.resolution}".`,
      });
    else next[param.name] = value ?? options.resolution;
  }
  return { params: next, issues };
}

/** `--set name=value`'s text as the parameter's type: `seed=42` an integer, `audio=false` a boolean. */
export function coerceParam(param: ParamSpec, text: string): ParamValue {
  switch (param.kind) {
    case 'choice': {
      const match = param.values.find((value) => String(value) === text);
      return match ?? text;
    }
    case 'number':
      return /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text.trim()) ? Number(text) : text;
    case 'switch':
      return text === 'true' || text === 'on' || text === '1'
        ? true
        : text === 'false' || text === 'off' || text === '0'
          ? false
          : text;
    case 'text':
    case 'json':
      return text;
  }
}
