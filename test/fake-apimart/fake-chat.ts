import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http-helpers.ts';

/**
 * What the fake's chat model answers next: a text (streamed in small pieces), a refusal, an error status (a 429
 * with Retry-After), or a stream cut after some of its text (the connection dropped mid-answer).
 */
export type ChatScript =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'refusal'; readonly message: string }
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly body?: unknown;
      readonly headers?: Record<string, string>;
    }
  | { readonly kind: 'cut'; readonly text: string; readonly afterChars: number };

/** One chat request the fake received: its body as sent. */
export interface ChatRequestLog {
  readonly body: Record<string, unknown>;
  readonly raw: string;
}

/** The fake's chat side: scripted answers, in order, and every request kept. */
export interface FakeChat {
  script(...answers: ChatScript[]): void;
  readonly requests: ChatRequestLog[];
  /** Sets what `/v1/model-docs` answers for a model (its reference page). */
  setDocs(model: string, markdown: string): void;
  handleCompletion(request: IncomingMessage, response: ServerResponse): Promise<void>;
  handleDocs(query: URLSearchParams, response: ServerResponse, knownModel: (id: string) => boolean): void;
}

const PIECE = 12;

/** Words counted as tokens, roughly, as a real API reports them. */
const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

/** An answer for a request nobody scripted: one shot from the start of the story, values left to the app. */
function defaultAnswer(body: Record<string, unknown>): string {
  const messages = Array.isArray(body['messages']) ? (body['messages'] as { content?: unknown }[]) : [];
  const last = String(messages.at(-1)?.content ?? '');
  if (String(messages[0]?.content ?? '').includes('storyboard artist'))
    return JSON.stringify({
      title: 'Untitled',
      characters: [],
      shots: [
        {
          prompt: last.slice(0, 300) || 'A quiet scene.',
          duration: null,
          shape: null,
          camera: '',
          continuity: '',
          characters: [],
        },
      ],
    });
  return `${/<<<PROMPT\n([\s\S]*?)\nPROMPT>>>/.exec(last)?.[1] ?? last}, cinematic lighting`;
}

/** Creates the chat side of the fake. */
export function createFakeChat(): FakeChat {
  const queue: ChatScript[] = [];
  const requests: ChatRequestLog[] = [];
  const docs = new Map<string, string>();

  const chunk = (id: string, delta: Record<string, unknown>, finish: string | null) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

  return {
    script: (...answers) => void queue.push(...answers),
    requests,
    setDocs: (model, markdown) => void docs.set(model, markdown),

    async handleCompletion(request, response) {
      const raw = await readBody(request, 2 * 1024 * 1024);
      if (raw === 'tooLarge')
        return sendJson(response, 413, { error: { message: 'request too large', type: 'invalid_request_error' } });
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {
        return sendJson(response, 400, { error: { message: 'invalid JSON body', type: 'invalid_request_error' } });
      }
      requests.push({ body, raw: raw.toString('utf8') });
      if (typeof body['model'] !== 'string' || !Array.isArray(body['messages']))
        return sendJson(response, 400, {
          error: { message: 'model and messages are required', type: 'invalid_request_error' },
        });
      const next = queue.shift() ?? { kind: 'text', text: defaultAnswer(body) };
      if (next.kind === 'status')
        return sendJson(
          response,
          next.status,
          next.body ?? { error: { message: `status ${next.status}`, type: 'error' } },
          next.headers,
        );
      const id = `chatcmpl-${requests.length}`;
      const prompt = tokens(JSON.stringify(body['messages']));
      const text = next.kind === 'refusal' ? '' : next.text;
      const usage = {
        prompt_tokens: prompt,
        completion_tokens: tokens(text || 'x'),
        total_tokens: prompt + tokens(text || 'x'),
      };
      if (body['stream'] === false) {
        const message =
          next.kind === 'refusal'
            ? { role: 'assistant', content: null, refusal: next.message }
            : { role: 'assistant', content: text };
        return sendJson(response, 200, {
          id,
          object: 'chat.completion',
          model: body['model'],
          choices: [{ index: 0, message, finish_reason: next.kind === 'refusal' ? 'content_filter' : 'stop' }],
          usage,
        });
      }
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      response.write(chunk(id, { role: 'assistant', content: '' }, null));
      if (next.kind === 'refusal') {
        response.write(chunk(id, { refusal: next.message }, null));
        response.write(chunk(id, {}, 'content_filter'));
        return void response.end('data: [DONE]\n\n');
      }
      const limit = next.kind === 'cut' ? next.afterChars : text.length;
      for (let at = 0; at < limit; at += PIECE)
        response.write(chunk(id, { content: text.slice(at, Math.min(at + PIECE, limit)) }, null));
      if (next.kind === 'cut') {
        // Cut a moment after the bytes are out, as a real drop would.
        setTimeout(() => response.socket?.destroy(), 30);
        return;
      }
      response.write(chunk(id, {}, 'stop'));
      response.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', choices: [], usage })}\n\n`);
      response.end('data: [DONE]\n\n');
    },

    handleDocs(query, response, knownModel) {
      const model = query.get('model') ?? '';
      if (!knownModel(model))
        return sendJson(response, 404, {
          error: { message: `model ${model} does not exist`, type: 'invalid_request_error', code: 'model_not_found' },
        });
      sendJson(response, 200, {
        model,
        markdown:
          docs.get(model) ??
          `# ${model}\n\n## Prompting\nDescribe the subject, the action, the setting, then the camera. Name the lens and the light.`,
        doc_url: `https://docs.apimart.ai/en/api-reference/videos/${encodeURIComponent(model)}`,
      });
    },
  };
}
