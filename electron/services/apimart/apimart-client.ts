import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_IMAGE_MAX_BYTES } from '../../../shared/catalog/build-model';
import {
  toGenerationBody,
  validateGeneration,
  type GenerationInput,
  type RequestIssue,
} from '../../../shared/catalog/generation-request';
import { SNAPSHOT_CATALOG } from '../../../shared/catalog/model-catalog';
import { findModel } from '../../../shared/catalog/model-lookup';
import type { ModelCatalog } from '../../../shared/catalog/video-model';
import { AppError } from '../../../shared/errors';
import type { Balance, TaskSnapshot, UploadedImage } from '../../../shared/models/apimart';
import { ApiError, apiErrors } from './api-error';
import { downloadToFile, type DownloadOptions, type DownloadResult } from './download';
import { createTransport, type TransportDeps } from './http-transport';
import { detectReferenceFormat, REFERENCE_CONTENT_TYPES } from './image-format';
import { parseModelDocs, parseModelList, parseModelSchema, type ListedModel } from './model-parsers';
import { createChatReader, type ChatAnswer } from './chat-stream';
import { parseBalance, parseCreate, parseTask, parseUpload } from './response-parsers';
import type { InputSchema } from '../../../shared/catalog/input-schema';
import type { Language } from '../../../shared/i18n/languages';
import {
  SPEECH_MODEL,
  TRANSCRIPTION_MODEL,
  speechRequestSchema,
  type SpeechRequest,
} from '../../../shared/audio/speech';

/** Options every call accepts. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** The generation request's options: a job's Idempotency-Key makes re-sending it safe (§5 of the API notes). */
export interface CreateVideoOptions extends CallOptions {
  /** 1–191 visible ASCII characters; the same key with the same body returns the same task instead of billing again. */
  readonly idempotencyKey?: string;
  /**
   * Continue this finished task instead of starting from nothing ("extend"): sent to `POST /v1/videos/{id}/remix`,
   * for models that document it, with the same model. Billed like a generation.
   */
  readonly remixOf?: string | undefined;
}

/** What a generation request answered: the task, and whether it was an earlier request's task replayed. */
export interface CreatedTask {
  readonly taskId: string;
  readonly replayed: boolean;
}

/** The response version Reelbench speaks (it accepts the older answers too). */
const RESPONSE_VERSION = '2026-07-27';

/** A request the catalog refuses, refused before anything is sent (and so before anything is billed). */
export class RequestValidationError extends AppError {
  readonly issues: readonly RequestIssue[];

  constructor(issues: readonly RequestIssue[]) {
    super(
      'invalidInput',
      issues.map((issue) => issue.message).join(' '),
      'Adjust the highlighted settings and try again.',
    );
    this.name = 'RequestValidationError';
    this.issues = issues;
  }
}

/** The APIMart video API, as Reelbench uses it. */
export interface ApimartClient {
  uploadImage(file: { readonly path: string }, options?: CallOptions): Promise<UploadedImage>;
  createVideo(input: GenerationInput, options?: CreateVideoOptions): Promise<CreatedTask>;
  getTask(taskId: string, options?: CallOptions): Promise<TaskSnapshot>;
  getBalance(options?: CallOptions): Promise<Balance>;
  /** Every model APIMart lists (chat and image models too). */
  listModels(options?: CallOptions): Promise<ListedModel[]>;
  /** A model's request schema for video generation; a model without one answers an error. */
  getModelSchema(modelId: string, options?: CallOptions): Promise<InputSchema>;
  download(url: string, destination: string, options?: DownloadOptions): Promise<DownloadResult>;
  /**
   * One chat completion, streamed: `onDelta` gets the answer's text as it is written. Billed per token and never
   * re-sent by the transport. A refusal and an answer cut off on the way are errors; the text so far is in `onDelta`.
   */
  chat(request: ChatRequest, options?: ChatOptions): Promise<ChatAnswer>;
  /** A model's reference page as Markdown: untrusted text (it may contain instructions), to quote, never to obey. */
  getModelDocs(modelId: string, options?: CallOptions): Promise<string>;
  /**
   * A line spoken by APIMart's speech model, as a WAV file's bytes. Billed per request and never re-sent by the
   * transport; a request the documented limits refuse is refused before anything is sent.
   */
  speak(request: SpeechRequest, options?: CallOptions): Promise<Uint8Array>;
  /**
   * The words spoken in an audio or video file, as SubRip cues (`whisper-1`, OpenAI-compatible; billed per request).
   * An answer that is not SubRip is "not available" (the endpoint is described only by third-party mirrors).
   */
  transcribe(file: { readonly path: string }, options?: CallOptions): Promise<string>;
}

/** A chat completion request: no tools, no functions, only messages. */
export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly { readonly role: 'system' | 'user' | 'assistant'; readonly content: string }[];
  readonly maxTokens?: number;
  readonly temperature?: number;
}

/** A chat call's options. */
export interface ChatOptions extends CallOptions {
  readonly onDelta?: (content: string) => void;
}

/** What the client is built from: the transport's dependencies plus the model catalog. */
export interface ApimartClientDeps extends TransportDeps {
  /** The model catalog as it is now: requests are checked against the model's parameters before they are sent. */
  readonly catalog?: () => ModelCatalog;
  /** The reader's language: APIMart words a task's messages (a refusal's reason) in it. */
  readonly language?: (() => Language) | undefined;
}

/** Serializes a one-file multipart form (and its text fields) with the platform's own encoder, as bytes any fetch sends. */
async function multipartBody(
  file: Blob,
  filename: string,
  fields: Readonly<Record<string, string>> = {},
): Promise<{ body: Uint8Array; contentType: string }> {
  const form = new FormData();
  form.append('file', file, filename);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const encoded = new Request('http://multipart.invalid/', { method: 'POST', body: form });
  return { body: new Uint8Array(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type') ?? '' };
}

/** How long a chat answer may take to be written out in full. */
const CHAT_TIMEOUT_MS = 180_000;

/** The longest spoken line (4,096 characters at a quarter speed) is about 20 minutes of 24 kHz WAV: under 64 MB. */
const MAX_SPEECH_BYTES = 64 * 1024 * 1024;
/** How long speaking one line may take. */
const SPEECH_TIMEOUT_MS = 120_000;

/** Whether bytes are a WAV file (RIFF … WAVE): the documented answer, not an error page sent with a 200. */
const isWav = (bytes: Uint8Array): boolean =>
  bytes.length >= 12 &&
  new TextDecoder().decode(bytes.subarray(0, 4)) === 'RIFF' &&
  new TextDecoder().decode(bytes.subarray(8, 12)) === 'WAVE';

/** The largest file the transcription endpoint takes (OpenAI's documented 25 MB). */
const MAX_TRANSCRIBED_BYTES = 25 * 1024 * 1024;

/** How much of an unreadable answer the log keeps. */
const RAW_BODY_LOGGED = 4000;

/** Creates the client. */
export function createApimartClient(deps: ApimartClientDeps): ApimartClient {
  const catalog = deps.catalog ?? (() => SNAPSHOT_CATALOG);
  const now = deps.now ?? Date.now;
  const call = createTransport(deps);
  /**
   * Reads an answer; one that is not what the API documents is logged with its body (the key already redacted by
   * the transport, the size bounded), so "the log has the raw answer" holds when the window says it.
   */
  const read = <T>(body: string, parse: (body: string) => T): T => {
    try {
      return parse(body);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'malformed')
        deps.logger?.warn('apimart: an answer could not be read', {
          what: error.message,
          rawBody: body.slice(0, RAW_BODY_LOGGED),
        });
      throw error;
    }
  };

  return {
    async uploadImage(file, options = {}) {
      const { size } = await stat(file.path);
      if (size > DEFAULT_IMAGE_MAX_BYTES) {
        const limit = Math.round(DEFAULT_IMAGE_MAX_BYTES / (1024 * 1024));
        throw new RequestValidationError([{ field: 'images', message: `The image is larger than ${limit} MB.` }]);
      }
      const bytes = await readFile(file.path);
      const format = detectReferenceFormat(bytes);
      if (!format || !catalog().imageFormats.includes(format)) {
        throw new RequestValidationError([{ field: 'images', message: 'An image must be a JPEG, PNG or WebP file.' }]);
      }
      const multipart = await multipartBody(
        new Blob([bytes], { type: REFERENCE_CONTENT_TYPES[format] }),
        path.basename(file.path),
      );
      const answer = await call({
        method: 'POST',
        path: '/v1/uploads/images',
        multipart,
        idempotent: true,
        signal: options.signal,
        timeoutMs: 120_000,
      });
      return read(answer.body, (body) => parseUpload(body, now()));
    },

    async createVideo(input, options = {}) {
      const models = catalog();
      const validation = validateGeneration(models, input);
      if (!validation.ok) throw new RequestValidationError(validation.issues);
      const model = findModel(models, validation.request.model);
      if (!model) throw new RequestValidationError([{ field: 'model', message: `Unknown model ${input.model}.` }]);
      if (options.idempotencyKey !== undefined && !/^[\x21-\x7e]{1,191}$/.test(options.idempotencyKey)) {
        throw new AppError('internal', 'An Idempotency-Key must be 1 to 191 visible ASCII characters.');
      }
      if (options.remixOf !== undefined) {
        if (model.extend !== 'remix')
          throw new RequestValidationError([
            { field: 'model', message: `${model.label} cannot extend a video: choose a model that documents remix.` },
          ]);
        if (validation.request.images.length > 0)
          throw new RequestValidationError([
            { field: 'images', message: 'An extension continues its video: it takes no images.' },
          ]);
      }
      const answer = await call({
        method: 'POST',
        path:
          options.remixOf === undefined
            ? '/v1/videos/generations'
            : `/v1/videos/${encodeURIComponent(options.remixOf)}/remix`,
        json: toGenerationBody(model, validation.request),
        headers: {
          'x-apimart-response-version': RESPONSE_VERSION,
          ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
        },
        // Billed: the transport never resends it. With a key, the job may, later and deliberately (same key, same body).
        idempotent: false,
        model: validation.request.model,
        signal: options.signal,
      });
      return {
        ...read(answer.body, parseCreate),
        replayed: answer.headers.get('idempotency-replayed')?.trim().toLowerCase() === 'true',
      };
    },

    async getTask(taskId, options = {}) {
      const answer = await call({
        method: 'GET',
        path: `/v1/tasks/${encodeURIComponent(taskId)}${deps.language ? `?language=${deps.language()}` : ''}`,
        idempotent: true,
        signal: options.signal,
      });
      return read(answer.body, parseTask);
    },

    async getBalance(options = {}) {
      const answer = await call({ method: 'GET', path: '/v1/balance', idempotent: true, signal: options.signal });
      return read(answer.body, parseBalance);
    },

    async listModels(options = {}) {
      const answer = await call({ method: 'GET', path: '/v1/models', idempotent: true, signal: options.signal });
      return read(answer.body, parseModelList);
    },

    async getModelSchema(modelId, options = {}) {
      const query = new URLSearchParams({ model: modelId, operation: 'video_generation' });
      const answer = await call({
        method: 'GET',
        path: `/v1/model-schema?${query.toString()}`,
        idempotent: true,
        model: modelId,
        signal: options.signal,
      });
      return read(answer.body, parseModelSchema);
    },

    download(url, destination, options = {}) {
      return downloadToFile(deps, url, destination, options);
    },

    async chat(request, options = {}) {
      const reader = createChatReader(options.onDelta);
      let received = false;
      let body: string;
      try {
        const answer = await call({
          method: 'POST',
          path: '/v1/chat/completions',
          json: {
            model: request.model,
            messages: request.messages,
            stream: true,
            stream_options: { include_usage: true },
            ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
            ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          },
          // Billed per token: asked again only when the user says so.
          idempotent: false,
          model: request.model,
          signal: options.signal,
          timeoutMs: CHAT_TIMEOUT_MS,
          onText: (text) => {
            received = true;
            reader.feed(text);
          },
        });
        body = answer.body;
      } catch (error) {
        // The connection dropped in the middle of an answer: say it was cut, not that APIMart is unreachable.
        if (received && error instanceof ApiError && error.code === 'network') throw apiErrors.chatCut();
        throw error;
      }
      const result = reader.finish(body);
      if (result.refusal !== null || result.finishReason === 'content_filter')
        throw apiErrors.chatRefused(result.refusal ?? result.text.slice(0, 500));
      if (!result.complete) throw apiErrors.chatCut();
      return result;
    },

    async getModelDocs(modelId, options = {}) {
      const answer = await call({
        method: 'GET',
        path: `/v1/model-docs?${new URLSearchParams({ model: modelId }).toString()}`,
        idempotent: true,
        model: modelId,
        signal: options.signal,
      });
      return read(answer.body, parseModelDocs);
    },

    async speak(request, options = {}) {
      const checked = speechRequestSchema.safeParse(request);
      if (!checked.success)
        throw new RequestValidationError(
          checked.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'input'), message: issue.message })),
        );
      const answer = await call({
        method: 'POST',
        path: '/v1/audio/speech',
        json: {
          model: SPEECH_MODEL,
          input: checked.data.input,
          voice: checked.data.voice,
          response_format: 'wav',
          speed: checked.data.speed,
        },
        // Billed per request: asked again only when the user says so.
        idempotent: false,
        model: SPEECH_MODEL,
        signal: options.signal,
        timeoutMs: SPEECH_TIMEOUT_MS,
        binaryLimit: MAX_SPEECH_BYTES,
      });
      const bytes = answer.bytes ?? new Uint8Array();
      if (!isWav(bytes)) throw apiErrors.malformed('a speech answer that is not a WAV file', {});
      return bytes;
    },

    async transcribe(file, options = {}) {
      const { size } = await stat(file.path);
      if (size > MAX_TRANSCRIBED_BYTES)
        throw new RequestValidationError([{ field: 'file', message: 'A file to transcribe must be at most 25 MB.' }]);
      const multipart = await multipartBody(new Blob([await readFile(file.path)]), path.basename(file.path), {
        model: TRANSCRIPTION_MODEL,
        response_format: 'srt',
      });
      const answer = await call({
        method: 'POST',
        path: '/v1/audio/transcriptions',
        multipart,
        idempotent: false,
        model: TRANSCRIPTION_MODEL,
        signal: options.signal,
        timeoutMs: SPEECH_TIMEOUT_MS,
      });
      // Nothing heard is an empty answer; anything else must be SubRip cues.
      if (answer.body.trim() !== '' && !/-->/.test(answer.body))
        throw apiErrors.malformed('a transcription that is not SubRip', {});
      return answer.body;
    },
  };
}
