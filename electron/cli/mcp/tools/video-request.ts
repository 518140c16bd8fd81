import { z } from 'zod';
import { defaultModelId } from '../../../../shared/catalog/model-catalog';
import { applyCommonOptions } from '../../../../shared/catalog/generation-request';
import { summarizeRequest } from '../../../../shared/catalog/request-summary';
import { imageRoleSchema, paramsSchema, type Params, type VideoModel } from '../../../../shared/catalog/video-model';
import { AppError } from '../../../../shared/errors';
import { withCamera } from '../../../../shared/intent/compile-intent';
import { cameraIntentSchema, type IntentChange } from '../../../../shared/intent/intent-models';
import type { JobImage } from '../../../../shared/jobs/job-models';
import { costOf } from '../../../../shared/text/money';
import { checkRequest } from '../../request-flags';
import { requireAgentImage } from '../agent-files';
import type { McpSession } from '../mcp-session';
import { modelNamed } from './model-named';

const imageInput = z.object({
  role: imageRoleSchema.describe(
    'first: the opening frame; last: the closing frame; reference: a face, costume or style',
  ),
  path: z.string().min(1).max(4096).describe('The image file’s full path (jpg, png, webp, …)'),
});

/**
 * The request fields `estimate_cost` and `generate_video` take: the same bounds as a request from the window, in
 * model-neutral words (duration, aspect, resolution, camera) with the model's own parameters beside them.
 */
const REQUEST_SHAPE = {
  prompt: z.string().min(1).max(10_000).describe('What to show: subject, action, setting, light'),
  model: z.string().min(1).max(200).optional().describe('A model id from list_models (default: the usual one)'),
  duration: z.number().positive().max(600).optional().describe('Seconds of video; must be one the model offers'),
  aspect: z.string().min(1).max(20).optional().describe('Shape, such as 16:9, 9:16 or 1:1'),
  resolution: z.string().min(1).max(40).optional().describe("One of the model's resolutions, such as 720p"),
  params: paramsSchema
    .optional()
    .describe('Any other parameter of the model by its own name (describe_model lists them), such as { seed: 42 }'),
  camera: cameraIntentSchema
    .optional()
    .describe('How the camera moves, and how far (0–1); written in the model’s terms'),
  images: z.array(imageInput).max(20).optional().describe('Images by role; each is cropped to the video’s frame'),
};

/** `estimate_cost`'s input: a request, its prompt optional. */
export const ESTIMATE_SHAPE = { ...REQUEST_SHAPE, prompt: REQUEST_SHAPE.prompt.optional() };

/** `generate_video`'s input: a request, its title, and the token of a confirmation. */
export const GENERATE_SHAPE = {
  ...REQUEST_SHAPE,
  title: z.string().max(500).optional().describe('Its title in the library'),
  confirm_token: z
    .string()
    .max(64)
    .optional()
    .describe('Only when an earlier call answered "needs confirmation": the token it gave'),
};

type RequestArgs = {
  readonly prompt: string;
  readonly model?: string | undefined;
  readonly duration?: number | undefined;
  readonly aspect?: string | undefined;
  readonly resolution?: string | undefined;
  readonly params?: Params | undefined;
  readonly camera?: z.infer<typeof cameraIntentSchema> | undefined;
  readonly images?: readonly z.infer<typeof imageInput>[] | undefined;
};

/** A checked request, as it will be sent, with what it costs. */
export interface CheckedRequest {
  readonly model: VideoModel;
  readonly prompt: string;
  readonly params: Params;
  readonly images: readonly JobImage[];
  readonly changes: readonly IntentChange[];
  readonly seconds: number | null;
  readonly perSecond: number | null;
  readonly cost: number | null;
}

/** Builds and checks a request as the CLI's `generate` does: values against the model, then each image. */
export async function requestFor(session: McpSession, args: RequestArgs): Promise<CheckedRequest> {
  const catalog = (await session.context.models()).current();
  const model = await modelNamed(session, args.model ?? defaultModelId(catalog, null));
  const common = applyCommonOptions(model, args.params ?? {}, {
    duration: args.duration,
    aspect: args.aspect,
    resolution: args.resolution,
  });
  if (common.issues.length > 0)
    throw new AppError(
      'invalidInput',
      common.issues.map((issue) => issue.message).join(' '),
      `describe_model "${model.id}" lists what it accepts.`,
    );
  const sent = withCamera(
    catalog,
    { model: model.id, prompt: args.prompt, params: common.params },
    args.camera ?? null,
  );
  const images: JobImage[] = [];
  for (const image of args.images ?? [])
    images.push({ role: image.role, path: await requireAgentImage(image.path), crop: null });
  checkRequest(catalog, model, { prompt: sent.prompt, params: sent.params, images });
  for (const image of images)
    await session.context.images.inspect(image.path, { model: model.id, params: sent.params });
  const seconds = summarizeRequest(catalog, model.id, sent.params).seconds;
  const perSecond = model.price.perSecond;
  return {
    model,
    prompt: sent.prompt,
    params: sent.params,
    images,
    changes: sent.changes,
    seconds,
    perSecond,
    cost: perSecond === null || seconds === null ? null : costOf(perSecond, seconds),
  };
}
