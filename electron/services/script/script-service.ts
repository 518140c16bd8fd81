import { diffWordsWithSpace } from 'diff';
import { findModel } from '../../../shared/catalog/model-lookup';
import type { ModelCatalog, VideoModel } from '../../../shared/catalog/video-model';
import { appError } from '../../../shared/i18n/error-text';
import {
  chatModelOf,
  estimateTokens,
  MAX_SCRIPT_CHARS,
  REFINE_MAX_TOKENS,
  tokenCost,
  type ChatModelList,
  type ChatUsageEntry,
  type TokenUsage,
} from '../../../shared/script/chat-models';
import { readShotAnswer } from '../../../shared/script/shot-answer';
import type {
  BreakdownOutcome,
  BreakdownProgress,
  ChatEstimate,
  RefineOutcome,
} from '../../../shared/script/script-models';
import type { ApimartClient, ChatRequest } from '../apimart/apimart-client';
import type { BoardService } from '../boards/board-service';
import type { Logger } from '../logging/logger';
import { chatModelsFrom } from './chat-model-list';
import { breakdownMessages, refineMessages, refinedText, repairMessages } from './script-prompts';

/** The most a breakdown answer may be (in tokens): what the cost line's "at most" is computed from. */
const BREAKDOWN_MAX_TOKENS = 8_000;

/** Script → storyboard and prompt help, through a chat model on the same key. Optional: boards work without it. */
export interface ScriptService {
  /** The chat models on the key (the shipped list when APIMart cannot be asked). */
  chatModels(): Promise<ChatModelList>;
  /** What breaking a script down would cost, shown before anything is sent. */
  estimate(input: { script: string; videoModel: string; chatModel: string }): ChatEstimate;
  /**
   * Asks the chat model for shots, checks them against the video model (one repair attempt), and makes them an
   * editable storyboard. Nothing is queued. An answer invalid twice comes back with its raw text.
   */
  breakdown(
    input: { script: string; videoModel: string; chatModel: string; title?: string },
    options?: { signal?: AbortSignal; onProgress?: (progress: BreakdownProgress) => void },
  ): Promise<BreakdownOutcome>;
  /** A shot's prompt rewritten for its model following the model's own documentation; nothing is changed. */
  refine(
    input: { boardId: string; shotId: string; chatModel: string },
    options?: { signal?: AbortSignal },
  ): Promise<RefineOutcome>;
}

/** What the service works with. */
export interface ScriptServiceDeps {
  readonly client: () => ApimartClient;
  /** For listing models: one attempt, so an offline window is told at once rather than after back-offs. */
  readonly listClient?: () => ApimartClient;
  readonly catalog: () => ModelCatalog;
  readonly boards: BoardService;
  readonly recordUsage: (entry: ChatUsageEntry) => void;
  readonly logger?: Logger;
  readonly now?: () => Date;
}

/** Creates the service. */
export function createScriptService(deps: ScriptServiceDeps): ScriptService {
  const now = deps.now ?? (() => new Date());
  const videoModel = (id: string): VideoModel => {
    const model = findModel(deps.catalog(), id);
    if (!model) throw appError('unknownModel', 'error.script.unknownVideoModel', { model: id });
    return model;
  };
  const checkScript = (script: string) => {
    if (script.trim() === '') throw appError('invalidInput', 'error.script.empty');
    if (script.length > MAX_SCRIPT_CHARS)
      throw appError('invalidInput', 'error.script.tooLong', { max: MAX_SCRIPT_CHARS });
  };
  /** Sends one chat request and writes its tokens into the ledger, whatever came of the answer. */
  const chat = async (
    purpose: ChatUsageEntry['purpose'],
    request: ChatRequest,
    options: { signal?: AbortSignal | undefined; onDelta?: (text: string) => void },
  ) => {
    let written = '';
    try {
      const answer = await deps.client().chat(request, {
        signal: options.signal,
        onDelta: (text) => {
          written += text;
          options.onDelta?.(text);
        },
      });
      return { text: answer.text, usage: record(purpose, request, answer.usage, answer.text) };
    } catch (error) {
      // A cut or refused answer was still (partly) written, and may be billed: it goes into the ledger too.
      if (written !== '') record(purpose, request, null, written);
      throw error;
    }
  };
  const record = (
    purpose: ChatUsageEntry['purpose'],
    request: ChatRequest,
    reported: TokenUsage | null,
    text: string,
  ): TokenUsage & { cost: number | null } => {
    const usage = reported ?? {
      promptTokens: estimateTokens(request.messages.map((message) => message.content).join('\n')),
      completionTokens: estimateTokens(text),
    };
    const cost = tokenCost(chatModelOf(request.model), usage.promptTokens, usage.completionTokens);
    deps.recordUsage({ at: now().toISOString(), model: request.model, purpose, ...usage, cost });
    return { ...usage, cost };
  };
  const sum = (parts: readonly (TokenUsage & { cost: number | null })[]) => ({
    promptTokens: parts.reduce((total, part) => total + part.promptTokens, 0),
    completionTokens: parts.reduce((total, part) => total + part.completionTokens, 0),
    cost: parts.some((part) => part.cost === null) ? null : parts.reduce((total, part) => total + (part.cost ?? 0), 0),
  });

  return {
    async chatModels() {
      try {
        return chatModelsFrom(await (deps.listClient ?? deps.client)().listModels());
      } catch (error) {
        deps.logger?.info('script: chat models not listed', { reason: String(error) });
        return chatModelsFrom(null);
      }
    },
    estimate({ script, videoModel: videoId, chatModel }) {
      const messages = breakdownMessages(script, videoModel(videoId), deps.catalog().prompt.maxLength);
      const promptTokens = estimateTokens(messages.map((message) => message.content).join('\n'));
      // A shot list runs to roughly the script's length again, plus the JSON around it.
      const completionTokens = Math.min(BREAKDOWN_MAX_TOKENS, Math.ceil(estimateTokens(script) * 1.2) + 300);
      const model = chatModelOf(chatModel);
      return {
        promptTokens,
        completionTokens,
        cost: tokenCost(model, promptTokens, completionTokens),
        // With the one repair attempt, at its most: both requests, each answer as long as allowed.
        maxCost: tokenCost(model, promptTokens * 2 + BREAKDOWN_MAX_TOKENS, BREAKDOWN_MAX_TOKENS * 2),
      };
    },
    async breakdown(input, options = {}) {
      checkScript(input.script);
      const model = videoModel(input.videoModel);
      const promptMax = deps.catalog().prompt.maxLength;
      const first = breakdownMessages(input.script, model, promptMax);
      const progress = (attempt: 1 | 2) => {
        let written = '';
        return (text: string) => {
          written += text;
          options.onProgress?.({ attempt, characters: written.length, shots: written.split('"prompt"').length - 1 });
        };
      };
      const request = (messages: ChatRequest['messages']): ChatRequest => ({
        model: input.chatModel,
        messages,
        maxTokens: BREAKDOWN_MAX_TOKENS,
        temperature: 0.4,
      });
      const one = await chat('breakdown', request(first), { signal: options.signal, onDelta: progress(1) });
      let checked = readShotAnswer(one.text, model, promptMax);
      const spent = [one.usage];
      let raw = one.text;
      if (!checked.ok) {
        deps.logger?.info('script: answer invalid, asking once more', { problems: checked.problems.slice(0, 3) });
        const two = await chat('breakdown', request(repairMessages(first, one.text, checked.problems)), {
          signal: options.signal,
          onDelta: progress(2),
        });
        spent.push(two.usage);
        raw = two.text;
        checked = readShotAnswer(two.text, model, promptMax);
      }
      const usage = sum(spent);
      if (!checked.ok) return { kind: 'invalid', raw: raw.slice(0, 200_000), problems: checked.problems, usage };
      const board = deps.boards.createFromAnswer({
        title: input.title?.trim() || checked.answer.title,
        model: model.id,
        answer: checked.answer,
      });
      return { kind: 'board', board, usage };
    },
    async refine(input, options = {}) {
      const shot = deps.boards.get(input.boardId).shots.find((candidate) => candidate.id === input.shotId);
      if (!shot) throw appError('notFound', 'error.board.shotNotFound');
      if (shot.prompt.trim() === '') throw appError('invalidInput', 'error.script.nothingToRefine');
      const model = videoModel(shot.model);
      const promptMax = deps.catalog().prompt.maxLength;
      let docs: string | null = null;
      try {
        docs = await deps.client().getModelDocs(model.id, { signal: options.signal });
      } catch (error) {
        // Without the page the rewrite still helps; the window says the model's own advice was not available.
        deps.logger?.info('script: model docs not read', { model: model.id, reason: String(error) });
      }
      const answer = await chat(
        'refine',
        {
          model: input.chatModel,
          messages: refineMessages(shot.prompt, model, docs, promptMax),
          maxTokens: REFINE_MAX_TOKENS,
          temperature: 0.3,
        },
        { signal: options.signal },
      );
      const refined = refinedText(answer.text, promptMax);
      if (refined === '') throw appError('malformed', 'error.script.emptyRefinement');
      return {
        original: shot.prompt,
        refined,
        diff: diffWordsWithSpace(shot.prompt, refined).map((part) => ({
          kind: part.added ? ('added' as const) : part.removed ? ('removed' as const) : ('same' as const),
          text: part.value,
        })),
        usedDocs: docs !== null,
        usage: sum([answer.usage]),
      };
    },
  };
}
