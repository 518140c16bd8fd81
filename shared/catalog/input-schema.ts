import { z } from 'zod';

/** One property of a model's request body, as APIMart's `/v1/model-schema` describes it (a JSON Schema subset). */
export interface PropertySchema {
  readonly type?: string | readonly string[] | undefined;
  readonly enum?: readonly (string | number | boolean)[] | undefined;
  readonly const?: string | number | boolean | undefined;
  readonly minimum?: number | undefined;
  readonly maximum?: number | undefined;
  readonly exclusiveMinimum?: number | undefined;
  readonly exclusiveMaximum?: number | undefined;
  readonly maxLength?: number | undefined;
  readonly minItems?: number | undefined;
  readonly maxItems?: number | undefined;
  readonly items?: PropertySchema | undefined;
  readonly properties?: Readonly<Record<string, PropertySchema>> | undefined;
  readonly required?: readonly string[] | undefined;
  readonly format?: string | undefined;
  readonly description?: string | undefined;
  readonly default?: unknown;
}

// A schema comes from the network: every list and string is bounded so a hostile answer cannot grow without limit.
/** The most values a field's list of allowed values may have and still be offered as a choice. */
export const MAX_ENUM_VALUES = 5_000;
const text = z.string().max(4000);
const scalar = z.union([z.string().max(200), z.number(), z.boolean()]);

/** A property schema, checked: unknown keywords are kept out, known ones must have their documented types. */
const propertySchema: z.ZodType<PropertySchema> = z.lazy(() =>
  z.object({
    type: z.union([z.string().max(20), z.array(z.string().max(20)).max(8)]).optional(),
    // A long list (every voice, every style of a model) is kept and offered as a searchable choice; one past
    // MAX_ENUM_VALUES is dropped, leaving the field as free text, rather than refusing the whole model.
    enum: z
      .array(scalar)
      .optional()
      .transform((values) => (values && values.length > MAX_ENUM_VALUES ? undefined : values)),
    const: scalar.optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    exclusiveMinimum: z.number().optional(),
    exclusiveMaximum: z.number().optional(),
    maxLength: z.number().int().nonnegative().optional(),
    minItems: z.number().int().nonnegative().optional(),
    maxItems: z.number().int().nonnegative().optional(),
    items: propertySchema.optional(),
    properties: z.record(z.string().max(100), propertySchema).optional(),
    required: z.array(z.string().max(100)).max(100).optional(),
    format: z.string().max(40).optional(),
    description: text.optional(),
    default: z.unknown().optional(),
  }),
);

/** The request body of one model's video generation, minus `model`: what `input_schema` holds. */
export const inputSchemaSchema = z.object({
  type: z.literal('object').optional(),
  properties: z.record(z.string().max(100), propertySchema).refine((value) => Object.keys(value).length <= 100, {
    message: 'at most 100 fields',
  }),
  required: z.array(z.string().max(100)).max(100).optional(),
});

/** A model's request schema. */
export type InputSchema = z.infer<typeof inputSchemaSchema>;

/** The types a property allows (`type` may be one name or a list). */
export function typesOf(property: PropertySchema): readonly string[] {
  if (property.type === undefined) return [];
  return typeof property.type === 'string' ? [property.type] : property.type;
}
