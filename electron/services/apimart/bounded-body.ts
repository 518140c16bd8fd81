import { apiErrors } from './api-error';

/** The most an API answer (JSON, success or error) may be: a model listing of hundreds of ids is far below it. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/**
 * Reads an answer's text without holding more than `limit` bytes: a server (or a proxy in the way) that sends an
 * endless or enormous body gets a clear refusal, not an app that fills its memory.
 */
export async function readBoundedText(
  response: Response,
  limit = MAX_ANSWER_BYTES,
  onText?: (text: string) => void,
): Promise<string> {
  // A streamed answer (Server-Sent Events) is handed on as it arrives, whole characters at a time.
  const decoder = onText ? new TextDecoder() : null;
  const bytes = await readBoundedBytes(response, limit, (chunk) => {
    const text = decoder?.decode(chunk, { stream: true }) ?? '';
    if (text !== '') onText?.(text);
  });
  return new TextDecoder().decode(bytes);
}

/** Reads an answer's bytes (audio, say) without holding more than `limit` of them; refused past it. */
export async function readBoundedBytes(
  response: Response,
  limit: number,
  onChunk?: (chunk: Uint8Array) => void,
): Promise<Uint8Array> {
  const announced = Number(response.headers.get('content-length'));
  if (Number.isFinite(announced) && announced > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(limit);
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
    onChunk?.(value);
  }
  return Buffer.concat(chunks);
}

/** The most of an error answer that is read: its message is a sentence, and the rest is never looked at. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * The first `limit` bytes of an error answer, the rest discarded: a refusal is still a refusal when its body is
 * enormous (its status says what happened), and nothing past the limit reaches a parser.
 */
export async function readTextPrefix(response: Response, limit = MAX_ERROR_BODY_BYTES): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  // A body cut off (or cancelled) part-way is read as far as it came: the status has already said what happened.
  while (size < limit) {
    const read = await reader.read().catch(() => null);
    if (!read || read.done) break;
    chunks.push(read.value.subarray(0, limit - size));
    size += Math.min(read.value.byteLength, limit - size);
  }
  await reader.cancel().catch(() => undefined);
  return new TextDecoder().decode(Buffer.concat(chunks));
}

const tooLarge = (limit: number) =>
  apiErrors.malformed(`an answer larger than ${Math.round(limit / (1024 * 1024))} MB`, {});
