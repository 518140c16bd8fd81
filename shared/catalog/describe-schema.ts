import { looksLikeAspects } from './aspect-ratio';
import { typesOf, type InputSchema, type PropertySchema } from './input-schema';
import type { ImageInput, ImageRole, ParamSpec } from './video-model';

/** What a model's request schema says, read as controls: the prompt field, the parameters and the image fields. */
export interface SchemaReading {
  readonly promptField: string | null;
  readonly params: readonly ParamSpec[];
  readonly images: readonly ImageInput[];
}

const PROMPT_FIELDS = new Set(['prompt', 'text', 'text_prompt']);
const DURATION_FIELDS = new Set(['duration', 'seconds', 'duration_seconds', 'video_duration', 'length']);
const ASPECT_FIELDS = new Set(['aspect_ratio', 'aspect', 'ratio', 'size']);
const RESOLUTION_FIELDS = new Set(['resolution', 'mode', 'quality']);
const RESOLUTION_WORD = /^(\d{3,4}p|[1-9]k|sd|hd|fhd|uhd|standard|high|std|pro|low|medium)$/i;

const looksLikeResolutions = (values: readonly (string | number | boolean)[]) =>
  values.length > 0 && values.every((value) => typeof value === 'string' && RESOLUTION_WORD.test(value));

/** The role a single-image field carries, from its name. */
function roleOfField(name: string): ImageRole {
  if (/last|end|tail/i.test(name)) return 'last';
  if (/ref|subject|element/i.test(name)) return 'reference';
  return 'first';
}

/** The role a role word of `image_with_roles` means (`first_frame`, `last_frame`, `reference`). */
function roleOfWord(word: string): ImageRole | null {
  if (/first|start|begin/i.test(word)) return 'first';
  if (/last|end|tail/i.test(word)) return 'last';
  if (/ref/i.test(word)) return 'reference';
  return null;
}

const isImageName = (name: string) => /image|frame|img/i.test(name) && !/optimi[sz]er|count|num_/i.test(name);

/** Reads an image field, or null when the property does not carry image URLs. */
function readImageField(name: string, property: PropertySchema, required: boolean): ImageInput | null {
  if (!isImageName(name)) return null;
  const types = typesOf(property);
  if (types.includes('string') && property.enum === undefined) {
    return { field: name, shape: 'url', roles: [roleOfField(name)], maxItems: 1, required, roleWords: {} };
  }
  if (!types.includes('array') || !property.items) return null;
  const item = property.items;
  const maxItems = Math.max(1, Math.min(property.maxItems ?? 10, 20));
  const roleProperty = item.properties?.['role'];
  if (typesOf(item).includes('object') && item.properties?.['url'] && roleProperty?.enum) {
    const roleWords: Partial<Record<ImageRole, string>> = {};
    for (const word of roleProperty.enum) {
      const role = typeof word === 'string' ? roleOfWord(word) : null;
      if (role && roleWords[role] === undefined) roleWords[role] = word as string;
    }
    const roles = (['first', 'last', 'reference'] as const).filter((role) => roleWords[role] !== undefined);
    if (roles.length === 0) return null;
    return { field: name, shape: 'roles', roles, maxItems, required, roleWords };
  }
  if (!typesOf(item).includes('string')) return null;
  // A list's position says the role: one image is the first frame, two are first and last; more are references.
  // The description wins over the count: "only the first image is used" is a first frame, whatever the list allows.
  const description = property.description ?? '';
  const onlyFirst = /only the first/i.test(description);
  const framed = onlyFirst || /first[- _]?frame|first image|opening frame|last[- _]?frame/i.test(description);
  const listMax = onlyFirst ? 1 : maxItems;
  if ((/ref/i.test(name) && !framed) || (!framed && listMax > 2))
    return { field: name, shape: 'urls', roles: ['reference'], maxItems: listMax, required, roleWords: {} };
  const roles: ImageRole[] = listMax === 1 ? ['first'] : ['first', 'last'];
  return { field: name, shape: 'urls', roles, maxItems: Math.min(listMax, 2), required, roleWords: {} };
}

/** What a field carries, by its name or, failing that, by the look of its values. */
function meaningOf(name: string, property: PropertySchema): ParamSpec['meaning'] {
  const lower = name.toLowerCase();
  const values = property.enum ?? [];
  const numeric = typesOf(property).some((type) => type === 'integer' || type === 'number');
  if (DURATION_FIELDS.has(lower) && (numeric || values.length > 0)) return 'duration';
  if (ASPECT_FIELDS.has(lower) && (values.length === 0 || looksLikeAspects(values))) return 'aspect';
  if (RESOLUTION_FIELDS.has(lower) && values.length > 0) return 'resolution';
  if (looksLikeAspects(values)) return 'aspect';
  if (looksLikeResolutions(values)) return 'resolution';
  return null;
}

const stringOrNumber = (value: unknown): value is string | number =>
  typeof value === 'string' || typeof value === 'number';

/** Reads one plain parameter as a control: enum → choice, integer/number → range, boolean → switch, string → text. */
function readParam(name: string, property: PropertySchema, required: boolean): ParamSpec {
  const common = { name, required, description: property.description ?? '', meaning: meaningOf(name, property) };
  const types = typesOf(property);
  const fallback = property.default;
  const choices = property.enum ?? (property.const !== undefined ? [property.const] : undefined);
  if (choices && choices.every((value) => typeof value === 'boolean'))
    return { ...common, kind: 'switch', default: typeof fallback === 'boolean' ? fallback : null };
  if (choices) {
    const values = choices.filter(stringOrNumber);
    if (values.length > 0) {
      const known = values.find((value) => value === fallback);
      return { ...common, kind: 'choice', values, default: known ?? null };
    }
  }
  if (types.includes('integer') || types.includes('number')) {
    const integer = types.includes('integer') && !types.includes('number');
    const step = integer ? 1 : 0;
    const min = property.minimum ?? (property.exclusiveMinimum === undefined ? null : property.exclusiveMinimum + step);
    const max = property.maximum ?? (property.exclusiveMaximum === undefined ? null : property.exclusiveMaximum - step);
    return { ...common, kind: 'number', integer, min, max, default: typeof fallback === 'number' ? fallback : null };
  }
  if (types.includes('boolean'))
    return { ...common, kind: 'switch', default: typeof fallback === 'boolean' ? fallback : null };
  if (types.includes('string') || types.length === 0) {
    return {
      ...common,
      kind: 'text',
      maxLength: property.maxLength ?? null,
      default: typeof fallback === 'string' ? fallback : null,
    };
  }
  return { ...common, kind: 'json' };
}

/**
 * Reads a model's request schema — including one nobody shipped knowledge of — as the app's controls. What cannot be
 * mapped to a control is still offered, by name, as JSON. `model` is the request's own field and is not a parameter.
 */
export function describeSchema(schema: InputSchema): SchemaReading {
  const required = new Set(schema.required ?? []);
  let promptField: string | null = null;
  const params: ParamSpec[] = [];
  const images: ImageInput[] = [];
  for (const [name, property] of Object.entries(schema.properties)) {
    if (name === 'model') continue;
    if (promptField === null && PROMPT_FIELDS.has(name.toLowerCase()) && typesOf(property).includes('string')) {
      promptField = name;
      continue;
    }
    const image = readImageField(name, property, required.has(name));
    if (image) images.push(image);
    else params.push(readParam(name, property, required.has(name)));
  }
  return { promptField, params, images };
}
