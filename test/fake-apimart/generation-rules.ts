/** The documented rules of POST /v1/videos/generations, written independently of the app's model catalog. */
export interface FakeModel {
  readonly id: string;
  readonly resolutions: readonly string[] | null;
}

/** The models the real service documents. */
export const DOCUMENTED_MODELS: readonly FakeModel[] = [
  { id: 'sora-2-preview', resolutions: null },
  { id: 'sora-2-pro-preview', resolutions: ['standard', 'high'] },
];

/** A generation the fake accepted. */
export interface AcceptedGeneration {
  readonly model: string;
  readonly prompt: string;
  readonly duration: number;
  readonly aspect: 'landscape' | 'portrait';
  readonly resolution: string | null;
  readonly imageUrls: readonly string[];
}

/** Why the fake refused a generation: an unknown model gets its own code, as gateways do. */
export type GenerationRefusal = { readonly reason: 'unknownModel' | 'invalid'; readonly message: string };

const ASPECTS: Readonly<Record<string, 'landscape' | 'portrait'>> = {
  landscape: 'landscape',
  '16:9': 'landscape',
  portrait: 'portrait',
  '9:16': 'portrait',
};

/** Applies the documented rules to a request body. */
export function checkGeneration(body: unknown, models: readonly FakeModel[]): AcceptedGeneration | GenerationRefusal {
  if (typeof body !== 'object' || body === null)
    return { reason: 'invalid', message: 'request body must be a JSON object' };
  const fields = body as Record<string, unknown>;
  const model = models.find((candidate) => candidate.id === (fields['model'] ?? 'sora-2-preview'));
  if (!model)
    return { reason: 'unknownModel', message: `model ${String(fields['model'])} does not exist or is not available` };
  if (typeof fields['prompt'] !== 'string' || fields['prompt'].trim() === '')
    return { reason: 'invalid', message: 'prompt is required' };
  const duration = fields['duration'] ?? 4;
  if (duration !== 4 && duration !== 8 && duration !== 12)
    return { reason: 'invalid', message: 'duration must be 4, 8 or 12' };
  const aspect = ASPECTS[String(fields['aspect_ratio'] ?? 'landscape')];
  if (!aspect) return { reason: 'invalid', message: 'aspect_ratio must be landscape, portrait, 16:9 or 9:16' };
  const resolution = fields['resolution'];
  if (resolution !== undefined && (!model.resolutions || !model.resolutions.includes(String(resolution)))) {
    return { reason: 'invalid', message: `resolution ${String(resolution)} is not supported by ${model.id}` };
  }
  const imageUrls = fields['image_urls'] ?? [];
  if (!Array.isArray(imageUrls) || imageUrls.some((url) => typeof url !== 'string' || !/^https?:\/\//.test(url))) {
    return { reason: 'invalid', message: 'image_urls must be an array of URLs' };
  }
  return {
    model: model.id,
    prompt: fields['prompt'],
    duration,
    aspect,
    resolution: resolution === undefined ? null : String(resolution),
    imageUrls: imageUrls as string[],
  };
}
