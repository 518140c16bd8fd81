import { findModel, findResolution, normalizeAspect } from './catalog-lookup';
import type { Aspect, ModelCatalog, VideoModel } from './catalog-schema';

/** What a draft, the workbench or the CLI asks for, before validation. */
export interface VideoRequestInput {
  readonly model: string;
  readonly prompt: string;
  readonly duration?: number | undefined;
  readonly aspect?: string | undefined;
  readonly resolution?: string | undefined;
  readonly imageUrls?: readonly string[] | undefined;
}

/** A request the catalog allows, with defaults filled in and aliases resolved. */
export interface VideoRequest {
  readonly model: string;
  readonly prompt: string;
  readonly duration: number;
  readonly aspect: Aspect;
  readonly resolution: string;
  readonly imageUrls: readonly string[];
}

/** The field a problem is about, so a form can put the message next to it. */
export type RequestField = 'model' | 'prompt' | 'duration' | 'aspect' | 'resolution' | 'imageUrls';

/** One reason a request cannot be sent. */
export interface RequestIssue {
  readonly field: RequestField;
  readonly message: string;
}

/** The outcome of validating a request. */
export type RequestValidation =
  | { readonly ok: true; readonly request: VideoRequest }
  | { readonly ok: false; readonly issues: readonly RequestIssue[] };

function listWords(values: readonly (string | number)[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

function checkResolution(model: VideoModel, requested: string | undefined, catalog: ModelCatalog): RequestIssue | null {
  if (requested === undefined || findResolution(model, requested)) return null;
  if (!model.sendsResolution) {
    const alternative = catalog.models.find((candidate) => candidate.sendsResolution);
    const hint = alternative ? ` Choose ${alternative.label} for a higher resolution.` : '';
    return { field: 'resolution', message: `${model.label} has no resolution choice.${hint}` };
  }
  return {
    field: 'resolution',
    message: `${model.label} offers ${listWords(model.resolutions.map((resolution) => resolution.id))} resolution, not "${requested}".`,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Checks a request against the catalog before anything is sent; every problem found is reported, not just the first. */
export function validateVideoRequest(catalog: ModelCatalog, input: VideoRequestInput): RequestValidation {
  const model = findModel(catalog, input.model);
  if (!model) {
    const known = listWords(catalog.models.map((candidate) => candidate.label));
    return {
      ok: false,
      issues: [{ field: 'model', message: `"${input.model}" is not a model Reelbench knows. Choose ${known}.` }],
    };
  }

  const issues: RequestIssue[] = [];
  const prompt = input.prompt.trim();
  if (prompt.length === 0) issues.push({ field: 'prompt', message: 'Write a prompt first.' });
  if (prompt.length > catalog.prompt.maxLength) {
    issues.push({
      field: 'prompt',
      message: `The prompt is ${prompt.length} characters long; the limit is ${catalog.prompt.maxLength}.`,
    });
  }

  const duration = input.duration ?? model.defaultDuration;
  if (!model.durations.includes(duration)) {
    issues.push({
      field: 'duration',
      message: `${model.label} makes videos of ${listWords(model.durations)} seconds, not ${duration}.`,
    });
  }

  const aspect = input.aspect === undefined ? model.aspects[0] : normalizeAspect(catalog, input.aspect);
  if (!aspect || !model.aspects.includes(aspect)) {
    issues.push({
      field: 'aspect',
      message: 'Choose landscape (16:9) or portrait (9:16); square videos are not supported.',
    });
  }

  const resolutionIssue = checkResolution(model, input.resolution, catalog);
  if (resolutionIssue) issues.push(resolutionIssue);

  const imageUrls = input.imageUrls ?? [];
  if (imageUrls.length > 1) issues.push({ field: 'imageUrls', message: 'Only one reference image can be used.' });
  if (imageUrls.some((url) => !isHttpUrl(url))) {
    issues.push({ field: 'imageUrls', message: 'A reference image must be uploaded before it can be used.' });
  }

  if (issues.length > 0 || !aspect) return { ok: false, issues };
  return {
    ok: true,
    request: {
      model: model.id,
      prompt,
      duration,
      aspect,
      resolution: input.resolution ?? model.defaultResolution,
      imageUrls,
    },
  };
}

/** The JSON body for `POST /v1/videos/generations`: only the fields this model accepts. */
export function toGenerationBody(catalog: ModelCatalog, request: VideoRequest): Record<string, unknown> {
  const model = findModel(catalog, request.model);
  const body: Record<string, unknown> = {
    model: request.model,
    prompt: request.prompt,
    duration: request.duration,
    aspect_ratio: request.aspect,
  };
  if (model?.sendsResolution) body['resolution'] = request.resolution;
  if (request.imageUrls.length > 0) body['image_urls'] = [...request.imageUrls];
  return body;
}
