import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { createFakeClock, type FakeClock } from './fake-clock.ts';
import { FaultQueue, type Fault, type FaultPlan, type FaultRoute } from './faults.ts';
import { describeTask, isVideoExpired, isVideoReady, type FakeTask, type UrlShape } from './fake-tasks.ts';
import { checkGeneration } from './generation-rules.ts';
import { FAKE_OTHER_MODELS, FAKE_VIDEO_MODELS, type FakeModel, type JsonSchema } from './fake-models.ts';
import { parseRange, readBody, readForm, sendJson } from './http-helpers.ts';
import { handleSpeech, handleTranscription, type FakeSpeechLine } from './fake-speech.ts';
import { CONTENT_TYPES, sniffImage } from './image-sniff.ts';
import { createFakeChat, type FakeChat } from './fake-chat.ts';
import { sha256, videoForTask, type LedgerLine, type LedgerTask, type ServerLedger } from './server-ledger.ts';

const UPLOAD_LIMIT = 20 * 1024 * 1024;
const UPLOAD_LIFETIME_MS = 72 * 60 * 60 * 1000;
const SAMPLE_VIDEO = path.resolve(import.meta.dirname, '../fixtures/sample.mp4');

/** How a fake server starts. */
export interface FakeApimartOptions {
  readonly apiKey?: string;
  readonly balance?: number;
  readonly pricePerSecond?: number;
  /** The video models it serves (default: the reference pages' families and one model known only by its schema). */
  readonly models?: readonly FakeModel[];
  /** Models it answers `model_not_found` for (retired upstream): not listed, no schema, no generation. */
  readonly retired?: readonly string[];
  /** More ids for `/v1/models`, none of them video models (a listing of hundreds, as the real one is). */
  readonly otherModels?: readonly string[];
  readonly urlShape?: UrlShape;
  readonly estimatedSeconds?: number;
  readonly port?: number;
  readonly clock?: FakeClock;
  /** What the video links serve (default: a real 2-second MP4); big payloads make long downloads. */
  readonly videoPayload?: Buffer;
  /** Pause between 64 KB chunks of a video response, to make downloads slow enough to interrupt. */
  readonly videoChunkDelayMs?: number;
  /** Faults decided as requests arrive (after any queued with `inject`). */
  readonly plan?: FaultPlan;
  /** Finished tasks report what they cost (`cost`: seconds × this price per second), as APIMart may. */
  readonly reportedPricePerSecond?: number;
  /** Every task serves a video of its own (the sample with the task id in a `free` box), so a mix-up shows in a hash. */
  readonly uniqueVideos?: boolean;
}

/** One request the fake saw. */
export interface LoggedRequest {
  readonly method: string;
  readonly route: FaultRoute | 'image' | 'models' | 'schema' | 'chat' | 'docs' | 'other';
  readonly path: string;
  /** The query string (`?language=ko` on a task poll), or ''. */
  readonly query: string;
  readonly authorized: boolean;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** A running fake APIMart. */
export interface FakeApimart {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly clock: FakeClock;
  readonly requests: LoggedRequest[];
  readonly tasks: Map<string, FakeTask>;
  /** Misbehave on the next `times` requests to `route`. */
  inject(route: FaultRoute, fault: Fault, times?: number): void;
  /** The next created task will end `failed` with this message (a content-policy refusal, say). */
  failNextTask(message: string): void;
  balance(): number;
  setBalance(value: number): void;
  /** Requests of one route and method, to count POSTs. */
  count(route: LoggedRequest['route'], method?: string): number;
  /** Video bytes sent so far, across all responses. */
  videoBytesSent(): number;
  /** Generation requests answered with an earlier request's task (same Idempotency-Key, same body). */
  replays(): number;
  /** Every task created and billed, and every request with what came of it. */
  ledger(): ServerLedger;
  /** Changes what a model's schema says from now on (a new enum value appearing upstream, say). */
  setSchema(modelId: string, schema: JsonSchema): void;
  /** Retires a model from now on: `model_not_found` for its schema and its generations. */
  retire(modelId: string): void;
  /** The chat model: scripted answers (`chat.script(...)`), the requests it got, and model docs. */
  readonly chat: FakeChat;
  /** The lines its speech endpoint spoke (and billed), in order. */
  readonly spoken: readonly FakeSpeechLine[];
  /** What the transcription endpoint hears in a file the fake did not speak itself (a take's dialogue, say). */
  hear(text: string): void;
  /** Replaces the fault plan (null: no more planned faults). */
  setPlan(plan: FaultPlan | null): void;
  /** Stops listening for `ms` (connections refused, open ones cut), then listens on the same port again. */
  outage(ms: number): Promise<void>;
  /** Sends a generation request to itself over HTTP, as another client (a process that then died) would. */
  generate(body: Record<string, unknown>, idempotencyKey?: string): Promise<{ taskId: string }>;
  close(): Promise<void>;
}

/** A body's JSON with keys sorted, so two encodings of the same request compare equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The task a poll or a video request is about. */
function taskIdOf(route: LoggedRequest['route'], pathname: string): string | null {
  if (route === 'task') return decodeURIComponent(pathname.slice('/v1/tasks/'.length));
  if (route === 'video') return path.basename(pathname, '.mp4');
  return null;
}

const openAiError = (message: string, type: string, code: string | null = null) => ({ error: { message, type, code } });

/** Starts a fake APIMart on 127.0.0.1 (a random port unless told otherwise) speaking the documented API. */
export async function startFakeApimart(options: FakeApimartOptions = {}): Promise<FakeApimart> {
  const apiKey = options.apiKey ?? `sk-fake-${randomBytes(12).toString('hex')}`;
  const clock = options.clock ?? createFakeClock();
  let models: readonly FakeModel[] = options.models ?? FAKE_VIDEO_MODELS;
  const retired = new Set(options.retired ?? []);
  const pricePerSecond = options.pricePerSecond ?? 0.01;
  const faults = new FaultQueue();
  const requests: LoggedRequest[] = [];
  const tasks = new Map<string, FakeTask>();
  const uploads = new Map<string, { bytes: Buffer; contentType: string; createdAt: number }>();
  const sockets = new Set<Socket>();
  const video = options.videoPayload ?? (await readFile(SAMPLE_VIDEO));
  let videoBytesSent = 0;
  let balance = options.balance ?? 100;
  let used = 0;
  const spoken: FakeSpeechLine[] = [];
  /** The words of each WAV the fake spoke (by the audio's hash), and what it hears in any other file. */
  const spokenAudio = new Map<string, string>();
  let heard = '';
  const chargeSpeech = (amount: number): boolean => {
    if (balance < amount) return false;
    balance -= amount;
    used += amount;
    return true;
  };
  let nextFailure: string | null = null;
  const keyed = new Map<string, { fingerprint: string; taskId: string }>();
  let replays = 0;
  let baseUrl = '';
  let plan = options.plan ?? null;
  const videos = new Map<string, Buffer>();
  const chat = createFakeChat();
  const ledgerTasks: LedgerTask[] = [];
  const ledgerLines: LedgerLine[] = [];
  const note = (line: LedgerLine, text: string) => {
    line.outcome = line.outcome === '' ? text : `${line.outcome}, ${text}`;
  };

  const routeOf = (method: string, pathname: string): LoggedRequest['route'] => {
    if (method === 'POST' && pathname === '/v1/uploads/images') return 'upload';
    if (method === 'POST' && pathname === '/v1/videos/generations') return 'generate';
    // An extension is billed like a generation (and counted with them).
    if (method === 'POST' && /^\/v1\/videos\/[^/]+\/remix$/.test(pathname)) return 'generate';
    if (method === 'GET' && pathname.startsWith('/v1/tasks/')) return 'task';
    if (method === 'GET' && (pathname === '/v1/balance' || pathname === '/v1/user/balance')) return 'balance';
    if (method === 'GET' && pathname.startsWith('/f/video/')) return 'video';
    if (method === 'GET' && pathname.startsWith('/f/image/')) return 'image';
    if (method === 'GET' && pathname === '/v1/models') return 'models';
    if (method === 'GET' && pathname === '/v1/model-schema') return 'schema';
    if (method === 'POST' && pathname === '/v1/chat/completions') return 'chat';
    if (method === 'GET' && pathname === '/v1/model-docs') return 'docs';
    if (method === 'POST' && pathname === '/v1/audio/speech') return 'speech';
    if (method === 'POST' && pathname === '/v1/audio/transcriptions') return 'transcription';
    return 'other';
  };

  async function handleUpload(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request, UPLOAD_LIMIT + 64 * 1024);
    if (body === 'tooLarge')
      return sendJson(response, 413, openAiError('File too large (max 20MB)', 'invalid_request_error'));
    const form = await readForm(request, body);
    const file = form?.get('file');
    if (!form || !(file instanceof File))
      return sendJson(response, 400, { code: 400, message: 'file field is required' });
    if (file.size > UPLOAD_LIMIT)
      return sendJson(response, 413, openAiError('File too large (max 20MB)', 'invalid_request_error'));
    const bytes = Buffer.from(await file.arrayBuffer());
    const format = sniffImage(bytes);
    if (!format) return sendJson(response, 400, { code: 400, message: 'Unsupported file format' });
    const name = `${randomBytes(8).toString('hex')}.${format === 'jpeg' ? 'jpg' : format}`;
    uploads.set(name, { bytes, contentType: CONTENT_TYPES[format], createdAt: clock.now() });
    sendJson(response, 200, {
      url: `${baseUrl}/f/image/${name}`,
      filename: file.name,
      content_type: CONTENT_TYPES[format],
      bytes: bytes.length,
      created_at: Math.floor(clock.now() / 1000),
    });
  }

  /** The generation answer in the shape the request asked for (§5: response version 2026-07-27, or the original). */
  function sendCreated(request: IncomingMessage, response: ServerResponse, id: string, replayed: boolean): void {
    const versioned = request.headers['x-apimart-response-version'] === '2026-07-27';
    const body = versioned
      ? {
          data: { id, status: 'submitted', created: Math.floor(clock.now() / 1000) },
          request_id: `req_${randomBytes(6).toString('hex')}`,
        }
      : { code: 200, data: [{ status: 'submitted', task_id: id }] };
    sendJson(response, 200, body, replayed ? { 'idempotency-replayed': 'true' } : {});
  }

  /** The task a `POST /v1/videos/{task_id}/remix` continues, or null for a plain generation. */
  const remixTarget = (pathname: string): string | null => {
    const match = /^\/v1\/videos\/([^/]+)\/remix$/.exec(pathname);
    return match?.[1] ? decodeURIComponent(match[1]) : null;
  };

  /** Why a task cannot be continued with this body, or null when it can. */
  const remixRefusal = (sourceId: string, body: unknown): { status: number; message: string } | null => {
    const source = tasks.get(sourceId);
    if (!source) return { status: 404, message: `task ${sourceId} not found` };
    if (!isVideoReady(source, clock.now()))
      return { status: 400, message: `task ${sourceId} has no finished video to extend` };
    const model = models.find((candidate) => candidate.id === source.generation.model);
    if (!model?.remix) return { status: 400, message: `model ${source.generation.model} does not support remix` };
    const asked = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['model'] : undefined;
    if (asked !== undefined && asked !== model.id)
      return { status: 400, message: `remix must use the task's own model (${model.id})` };
    return null;
  };

  async function handleGenerate(
    request: IncomingMessage,
    response: ServerResponse,
    fault: Fault | undefined,
    line: LedgerLine,
    remixOf: string | null = null,
  ): Promise<void> {
    const raw = await readBody(request, 1024 * 1024);
    let body: unknown;
    try {
      body = raw === 'tooLarge' ? null : JSON.parse(raw.toString('utf8'));
    } catch {
      return sendJson(response, 400, openAiError('invalid JSON body', 'invalid_request_error'));
    }
    const idempotencyKey = request.headers['idempotency-key'];
    if (
      idempotencyKey !== undefined &&
      (typeof idempotencyKey !== 'string' || !/^[\x21-\x7e]{1,191}$/.test(idempotencyKey))
    ) {
      return sendJson(
        response,
        400,
        openAiError('Idempotency-Key must be 1-191 visible ASCII characters', 'invalid_request_error'),
      );
    }
    // The task extended is part of the request: the same key on another task's remix is a different request.
    const fingerprint = canonicalJson(remixOf === null ? body : { remixOf, body });
    const earlier = typeof idempotencyKey === 'string' ? keyed.get(idempotencyKey) : undefined;
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        return sendJson(
          response,
          409,
          openAiError(
            'Idempotency-Key was already used with a different request body',
            'idempotency_error',
            'idempotency_key_reused',
          ),
        );
      }
      replays += 1;
      line.taskId = earlier.taskId;
      note(line, 'replayed');
      return sendCreated(request, response, earlier.taskId, true);
    }
    const refused = remixOf === null ? null : remixRefusal(remixOf, body);
    if (refused) return sendJson(response, refused.status, { code: refused.status, message: refused.message });
    const checked = checkGeneration(body, models, [...retired]);
    if ('reason' in checked) {
      return checked.reason === 'unknownModel'
        ? sendJson(response, 400, openAiError(checked.message, 'invalid_request_error', 'model_not_found'))
        : sendJson(response, 400, { code: 400, message: checked.message });
    }
    const cost = checked.duration * pricePerSecond;
    if (cost > balance)
      return sendJson(response, 402, openAiError('Insufficient balance, please top up', 'insufficient_quota'));
    balance -= cost;
    used += cost;
    const id = `task_${randomBytes(13).toString('hex').toUpperCase()}`;
    const failure = nextFailure ?? plan?.taskFailure() ?? null;
    tasks.set(id, {
      id,
      generation: checked,
      createdAt: clock.now(),
      estimatedSeconds: options.estimatedSeconds ?? 60,
      failure,
      cancelled: false,
      cost:
        options.reportedPricePerSecond === undefined
          ? null
          : Math.round(checked.duration * options.reportedPricePerSecond * 10_000) / 10_000,
    });
    nextFailure = null;
    const taskVideo = options.uniqueVideos ? videoForTask(video, id) : video;
    if (options.uniqueVideos) videos.set(id, taskVideo);
    ledgerTasks.push({
      id,
      idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : null,
      model: checked.model,
      prompt: checked.prompt,
      billedSeconds: checked.duration,
      createdAt: Date.now(),
      failure,
      videoSha256: failure === null ? sha256(taskVideo) : null,
    });
    line.taskId = id;
    note(line, failure === null ? 'created' : `created (will fail: ${failure})`);
    if (typeof idempotencyKey === 'string') keyed.set(idempotencyKey, { fingerprint, taskId: id });
    if (fault) note(line, `fault ${fault.kind} after the work`);
    if (fault?.kind === 'dropAfterWork') {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'hangAfterWork') return;
    if (fault?.kind === 'noTaskId') return sendJson(response, 200, { code: 200, data: [{ status: 'submitted' }] });
    sendCreated(request, response, id, false);
  }

  function handleModels(response: ServerResponse): void {
    // Every model, chat and image ones included, as /v1/models lists them; retired ones are gone from the list.
    const ids = [
      ...models.map((model) => model.id).filter((id) => !retired.has(id)),
      ...FAKE_OTHER_MODELS,
      ...(options.otherModels ?? []),
    ];
    sendJson(response, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', owned_by: 'apimart' })) });
  }

  function handleSchema(query: URLSearchParams, response: ServerResponse): void {
    const id = query.get('model') ?? '';
    const operation = query.get('operation') ?? '';
    const model = models.find((candidate) => candidate.id === id);
    if (retired.has(id) || (!model && !FAKE_OTHER_MODELS.includes(id) && !(options.otherModels ?? []).includes(id)))
      return sendJson(
        response,
        404,
        openAiError(`model ${id} does not exist`, 'invalid_request_error', 'model_not_found'),
      );
    if (!model || operation !== 'video_generation')
      return sendJson(
        response,
        400,
        openAiError(
          `model ${id} has no ${operation || 'such'} operation`,
          'invalid_request_error',
          'unsupported_operation',
        ),
      );
    sendJson(response, 200, { model: id, operation, input_schema: model.schema });
  }

  function handleTask(pathname: string, response: ServerResponse): void {
    const id = decodeURIComponent(pathname.slice('/v1/tasks/'.length));
    const task = tasks.get(id);
    if (!task) return sendJson(response, 404, { code: 404, message: `task ${id} not found` });
    sendJson(response, 200, {
      code: 200,
      data: describeTask(task, clock.now(), `${baseUrl}/f/video/${id}.mp4`, options.urlShape ?? 'array'),
    });
  }

  function handleVideo(
    request: IncomingMessage,
    response: ServerResponse,
    pathname: string,
    fault: Fault | undefined,
  ): void {
    if (fault?.kind === 'redirect') {
      return void response.writeHead(302, { location: `${pathname}?edge=1` }).end();
    }
    const id = path.basename(pathname, '.mp4');
    const task = tasks.get(id);
    if (!task || !isVideoReady(task, clock.now())) return void response.writeHead(404).end();
    if (isVideoExpired(task, clock.now()))
      return void response.writeHead(403, { 'content-type': 'text/plain' }).end('link expired');
    const served = videos.get(id) ?? video;
    const range = parseRange(request.headers.range, served.length);
    if (range === 'unsatisfiable') {
      return void response.writeHead(416, { 'content-range': `bytes */${served.length}` }).end();
    }
    const start = range?.start ?? 0;
    const end =
      range && fault?.kind === 'rangeCap'
        ? Math.min(range.end, range.start + fault.maxBytes - 1)
        : (range?.end ?? served.length - 1);
    const headers: Record<string, string | number> = {
      'content-type': 'video/mp4',
      'accept-ranges': 'bytes',
      'content-length': end - start + 1,
    };
    if (range) headers['content-range'] = `bytes ${start}-${end}/${served.length}`;
    response.writeHead(range ? 206 : 200, headers);
    const slice = served.subarray(start, end + 1);
    if (fault?.kind === 'dropMidBody') {
      // Cut a moment after the bytes are out, as a real drop would: cutting in the same tick makes the client's
      // web stream discard data it had already received but not yet read.
      const sent = slice.subarray(0, Math.min(fault.afterBytes, slice.length));
      videoBytesSent += sent.length;
      response.write(sent, () => {
        setTimeout(() => response.socket?.destroy(), 30);
      });
      return;
    }
    if (fault?.kind === 'stallMidBody') {
      const sent = slice.subarray(0, Math.min(fault.afterBytes, slice.length));
      videoBytesSent += sent.length;
      response.write(sent);
      return;
    }
    if (!options.videoChunkDelayMs) {
      videoBytesSent += slice.length;
      response.end(slice);
      return;
    }
    const chunkDelay = options.videoChunkDelayMs;
    let offset = 0;
    const pump = () => {
      if (response.destroyed) return;
      if (offset >= slice.length) return void response.end();
      const chunk = slice.subarray(offset, offset + 64 * 1024);
      offset += chunk.length;
      videoBytesSent += chunk.length;
      response.write(chunk, () => setTimeout(pump, chunkDelay));
    };
    pump();
  }

  function handleImage(pathname: string, response: ServerResponse): void {
    const upload = uploads.get(path.basename(pathname));
    if (!upload || clock.now() - upload.createdAt > UPLOAD_LIFETIME_MS) return void response.writeHead(404).end();
    response
      .writeHead(200, { 'content-type': upload.contentType, 'content-length': upload.bytes.length })
      .end(upload.bytes);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const { pathname, search } = new URL(request.url ?? '/', 'http://fake');
    const route = routeOf(method, pathname);
    const authorized = request.headers.authorization === `Bearer ${apiKey}`;
    requests.push({ method, route, path: pathname, query: search, authorized, headers: { ...request.headers } });
    const key = request.headers['idempotency-key'];
    const line: LedgerLine = {
      at: Date.now(),
      method,
      path: pathname,
      idempotencyKey: typeof key === 'string' ? key : null,
      taskId: taskIdOf(route, pathname),
      outcome: '',
    };
    ledgerLines.push(line);
    response.on('finish', () => note(line, String(response.statusCode)));
    response.on('close', () => {
      if (!response.writableFinished) note(line, 'connection cut');
    });

    let fault =
      route === 'other' ||
      route === 'image' ||
      route === 'models' ||
      route === 'schema' ||
      route === 'chat' ||
      route === 'docs'
        ? undefined
        : (faults.take(route) ?? plan?.faultFor(route));
    if (fault) note(line, `fault ${fault.kind === 'status' ? `status ${fault.status}` : fault.kind}`);
    if (fault?.kind === 'delay') {
      await new Promise((resolve) => setTimeout(resolve, fault?.kind === 'delay' ? fault.ms : 0));
      fault = undefined;
    }
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'drop') return void request.socket.destroy();
    if (fault?.kind === 'status' && fault.afterMs)
      await new Promise((resolve) => setTimeout(resolve, fault?.kind === 'status' ? fault.afterMs : 0));
    if (fault?.kind === 'status')
      return sendJson(
        response,
        fault.status,
        fault.body ?? { code: fault.status, message: `injected ${fault.status}` },
        fault.headers,
      );
    if (fault?.kind === 'malformedJson') return sendJson(response, 200, '{"code": 200, "data": [{"status": "subm');

    if (route === 'video') return handleVideo(request, response, pathname, fault);
    if (route === 'image') return handleImage(pathname, response);
    if (route === 'other') return sendJson(response, 404, { code: 404, message: 'not found' });
    if (!authorized)
      return sendJson(
        response,
        401,
        openAiError('Invalid API key provided', 'authentication_error', 'invalid_api_key'),
      );

    if (route === 'upload') return handleUpload(request, response);
    if (route === 'generate') return handleGenerate(request, response, fault, line, remixTarget(pathname));
    if (route === 'task') return handleTask(pathname, response);
    if (route === 'models') return handleModels(response);
    if (route === 'schema') return handleSchema(new URLSearchParams(search), response);
    if (route === 'chat') return chat.handleCompletion(request, response);
    if (route === 'speech') return handleSpeech(request, response, chargeSpeech, spoken, spokenAudio);
    if (route === 'transcription') return handleTranscription(request, response, spokenAudio, () => heard);
    if (route === 'docs')
      return chat.handleDocs(new URLSearchParams(search), response, (id) =>
        models.some((model) => model.id === id && !retired.has(id)),
      );
    sendJson(response, 200, { success: true, remain_balance: balance, used_balance: used, unlimited_quota: false });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(response, 500, { success: false, message: `fake server error: ${String(error)}` });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  let closed = false;

  return {
    baseUrl,
    apiKey,
    clock,
    requests,
    tasks,
    chat,
    spoken,
    hear: (text) => {
      heard = text;
    },
    inject: (route, fault, times) => faults.add(route, fault, times),
    failNextTask: (message) => {
      nextFailure = message;
    },
    balance: () => balance,
    setBalance: (value) => {
      balance = value;
    },
    count: (route, method) =>
      requests.filter((entry) => entry.route === route && (!method || entry.method === method)).length,
    videoBytesSent: () => videoBytesSent,
    replays: () => replays,
    ledger: () => ({ tasks: [...ledgerTasks], lines: ledgerLines.map((line) => ({ ...line })) }),
    setSchema: (modelId, schema) => {
      models = models.map((model) => (model.id === modelId ? { ...model, schema } : model));
    },
    retire: (modelId) => {
      retired.add(modelId);
    },
    setPlan: (next) => {
      plan = next;
    },
    async outage(ms) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      await new Promise((resolve) => setTimeout(resolve, ms));
      if (!closed) await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    async generate(body, idempotencyKey) {
      const response = await fetch(`${baseUrl}/v1/videos/generations`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as { data: { task_id: string }[] };
      const taskId = answer.data[0]?.task_id;
      if (!taskId) throw new Error(`the fake refused the generation: ${JSON.stringify(answer)}`);
      return { taskId };
    },
    close: async () => {
      closed = true;
      faults.clear();
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
