import type { ListedModel } from '../apimart/model-parsers';

// `/v1/models` lists every model on the key, chat and image ones included, with only an id documented. Schemas are
// asked for the ids that may be video models; an id the user types is asked for on demand whatever it looks like.
const VIDEO_WORDS =
  /video|veo|kling|seedance|wan\d|wan-|hailuo|vidu|pixverse|sora|grok-imagine|runway|luma|ray-?\d|hunyuan|jimeng|gen-?[34]|mochi|ltx|cogvideo|pika|motion/i;
const NOT_VIDEO =
  /gpt|claude|gemini|deepseek|qwen|llama|mistral|embedding|whisper|tts|speech|dall-?e|image|flux|midjourney|chat|moderation|rerank|^o\d|text-|audio|music|suno/i;

/** Whether a listed model may be a video model (and so is worth a schema request). */
export function mayBeVideoModel(model: ListedModel, shipped: ReadonlySet<string>): boolean {
  if (shipped.has(model.id)) return true;
  if (/video/i.test(model.facts)) return true;
  return VIDEO_WORDS.test(model.id) && !NOT_VIDEO.test(model.id.replace(/imagine/gi, ''));
}
