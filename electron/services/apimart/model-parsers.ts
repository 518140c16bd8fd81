import { z } from 'zod';
import { inputSchemaSchema, type InputSchema } from '../../../shared/catalog/input-schema';
import { apiErrors } from './api-error';
import { parseJson } from './response-parsers';
import { MAX_MODEL_DOCS_CHARS } from '../../../shared/script/chat-models';

// Only the id is documented; anything else an entry carries is kept for the video/not-video guess.
const listingSchema = z.object({
  data: z.array(z.object({ id: z.string().min(1).max(200) }).catchall(z.unknown())).max(5000),
});

/** One entry of `GET /v1/models`: its id and whatever else the gateway says about it. */
export interface ListedModel {
  readonly id: string;
  readonly facts: string;
}

/** `GET /v1/models` → every model's id (chat and image models included). */
export function parseModelList(body: string): ListedModel[] {
  const parsed = listingSchema.safeParse(parseJson(body, 'models'));
  if (!parsed.success) throw apiErrors.malformed('model listing without data', { rawBody: body.slice(0, 2000) });
  return parsed.data.data.map(({ id, ...rest }) => ({ id, facts: JSON.stringify(rest).slice(0, 500) }));
}

const schemaAnswer = z.object({ model: z.string().optional(), input_schema: inputSchemaSchema });

/** `GET /v1/model-schema` → the request body's schema for video generation. */
export function parseModelSchema(body: string): InputSchema {
  const parsed = schemaAnswer.safeParse(parseJson(body, 'model schema'));
  if (!parsed.success) throw apiErrors.malformed('model schema without input_schema', { rawBody: body.slice(0, 2000) });
  return parsed.data.input_schema;
}

const docsAnswer = z.object({ markdown: z.string() });

/** `GET /v1/model-docs` → the reference page's Markdown (untrusted text), bounded. */
export function parseModelDocs(body: string): string {
  const parsed = docsAnswer.safeParse(parseJson(body, 'model docs'));
  if (!parsed.success) throw apiErrors.malformed('model docs without markdown', { rawBody: body.slice(0, 2000) });
  return parsed.data.markdown.slice(0, MAX_MODEL_DOCS_CHARS);
}
