import { chatModelOf, SHIPPED_CHAT_MODELS, type ChatModelList } from '../../../shared/script/chat-models';
import type { ListedModel } from '../apimart/model-parsers';
import { mayBeVideoModel } from '../models/video-candidates';

const CHAT_FAMILIES = /gpt|claude|gemini|deepseek|qwen|llama|mistral|glm|kimi|moonshot|grok|doubao|ernie|yi-|^o\d/i;
const NOT_CHAT =
  /image|vision-preview|embedding|whisper|tts|speech|audio|dall-?e|flux|midjourney|moderation|rerank|realtime|search|transcribe|video|veo|sora/i;

/**
 * The chat models among everything `/v1/models` lists (it lists video, image and audio models too), those with a
 * known price first in the order Reelbench prefers them; the first is the default.
 */
export function chatModelsFrom(listed: readonly ListedModel[] | null): ChatModelList {
  if (listed === null)
    return {
      models: SHIPPED_CHAT_MODELS.map(chatModelOf),
      defaultModel: SHIPPED_CHAT_MODELS[0] ?? null,
      offline: true,
    };
  const ids = listed
    .filter((model) => !mayBeVideoModel(model, new Set()) && CHAT_FAMILIES.test(model.id) && !NOT_CHAT.test(model.id))
    .map((model) => model.id);
  const known = SHIPPED_CHAT_MODELS.filter((id) => ids.includes(id));
  const others = ids.filter((id) => !known.includes(id)).sort((a, b) => a.localeCompare(b));
  const models = [...known, ...others].map(chatModelOf);
  return { models, defaultModel: models[0]?.id ?? null, offline: false };
}
