import { z } from 'zod';
import type { FakeModel } from './fake-models.ts';

export type { FakeModel } from './fake-models.ts';

/** A generation the fake accepted: the body as sent, and what it bills. */
export interface AcceptedGeneration {
  readonly model: string;
  readonly prompt: string;
  /** The seconds billed (the model's duration field, or its default). */
  readonly duration: number;
  /** Every image URL of the request, in the order of the model's image fields. */
  readonly imageUrls: readonly string[];
  /** The whole body, as it arrived. */
  readonly body: Readonly<Record<string, unknown>>;
}

/** Why the fake refused a generation: an unknown or retired model gets its own code, as gateways do. */
export type GenerationRefusal = { readonly reason: 'unknownModel' | 'invalid'; readonly message: string };

const validators = new WeakMap<FakeModel, z.ZodType>();
function validatorOf(model: FakeModel): z.ZodType {
  let validator = validators.get(model);
  if (!validator) {
    validator = z.fromJSONSchema(model.schema as Parameters<typeof z.fromJSONSchema>[0]);
    validators.set(model, validator);
  }
  return validator;
}

/** Applies the model's own schema to a request body: an unknown field, a wrong type, a value out of range is a 400. */
export function checkGeneration(
  body: unknown,
  models: readonly FakeModel[],
  retired: readonly string[] = [],
): AcceptedGeneration | GenerationRefusal {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { reason: 'invalid', message: 'request body must be a JSON object' };
  const { model: id = 'sora-2-preview', ...fields } = body as Record<string, unknown>;
  const model = models.find((candidate) => candidate.id === id);
  if (!model || retired.includes(String(id)))
    return { reason: 'unknownModel', message: `model ${String(id)} does not exist or is not available` };
  const checked = validatorOf(model).safeParse(fields);
  if (!checked.success) {
    const problems = checked.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    return { reason: 'invalid', message: problems.join('; ') };
  }
  if (typeof fields['prompt'] !== 'string' || fields['prompt'].trim() === '')
    return { reason: 'invalid', message: 'prompt is required' };
  const seconds = model.secondsField ? fields[model.secondsField] : undefined;
  const imageUrls = model.imageFields.flatMap((name) => {
    const value = fields[name];
    return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
  });
  return {
    model: model.id,
    prompt: fields['prompt'],
    duration: typeof seconds === 'number' ? seconds : model.defaultSeconds,
    imageUrls,
    body: body as Record<string, unknown>,
  };
}
