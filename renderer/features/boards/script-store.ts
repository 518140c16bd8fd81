import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors';
import type { ChatModelList } from '../../../shared/script/chat-models';
import type { BreakdownProgress, ChatEstimate } from '../../../shared/script/script-models';
import { api, failureOf, unwrap } from '../../lib/bridge';
import { formatMoneyAmount } from '../../../shared/text/money';
import { useBoardsStore } from './boards-store';
import { useNoticesStore } from '../../lib/notices-store';

/** Where the script being worked on is kept between sessions: a failed request never costs the user their text. */
const SCRIPT_KEY = 'reelbench.script.draft';
const CHAT_MODEL_KEY = 'reelbench.script.chatModel';
const ESTIMATE_DELAY_MS = 300;

/** "From a script": the text, the two models, what it will cost, and the request under way or how it ended. */
export interface ScriptStore {
  readonly open: boolean;
  readonly script: string;
  readonly videoModel: string | null;
  readonly chatModels: ChatModelList | null;
  readonly chatModel: string | null;
  readonly estimate: ChatEstimate | null;
  readonly running: boolean;
  readonly progress: BreakdownProgress | null;
  readonly error: AppErrorData | null;
  /** An answer that stayed invalid after the repair attempt: what was wrong, and the text as it came. */
  readonly invalid: { readonly raw: string; readonly problems: readonly string[] } | null;
  openDialog(videoModel: string): void;
  close(): void;
  setScript(text: string): void;
  /** Shows why a file could not be used as the script (too large). */
  refuseFile(message: string): void;
  setVideoModel(id: string): void;
  setChatModel(id: string): void;
  /** The chat models on the key (asked once per window; offline, the shipped list). */
  loadChatModels(): Promise<void>;
  breakdown(): Promise<void>;
  cancel(): Promise<void>;
  receiveProgress(requestId: string, progress: BreakdownProgress): void;
}

const stored = (key: string): string | null => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};
const keep = (key: string, value: string) => {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage full or blocked: the text is still on screen.
  }
};

/** The script store: every call to the main process for scripts is here. */
export const useScriptStore = create<ScriptStore>()((set, get) => {
  let requestId: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Asks what the breakdown would cost once typing pauses; nothing is sent to APIMart for it. */
  const estimateSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const { script, videoModel, chatModel } = get();
      if (!videoModel || !chatModel || script.trim() === '') return set({ estimate: null });
      unwrap(api().script.estimate({ script, videoModel, chatModel }))
        .then((estimate) => set({ estimate }))
        .catch(() => set({ estimate: null }));
    }, ESTIMATE_DELAY_MS);
  };

  return {
    open: false,
    script: stored(SCRIPT_KEY) ?? '',
    videoModel: null,
    chatModels: null,
    chatModel: stored(CHAT_MODEL_KEY),
    estimate: null,
    running: false,
    progress: null,
    error: null,
    invalid: null,
    openDialog(videoModel) {
      set({ open: true, videoModel: get().videoModel ?? videoModel, error: null, invalid: null });
      void get().loadChatModels();
      estimateSoon();
    },
    close() {
      if (get().running) void get().cancel();
      set({ open: false });
    },
    setScript(text) {
      keep(SCRIPT_KEY, text);
      set({ script: text, error: null, invalid: null });
      estimateSoon();
    },
    refuseFile(message) {
      set({ error: { code: 'invalidInput', message } });
    },
    setVideoModel(id) {
      set({ videoModel: id });
      estimateSoon();
    },
    setChatModel(id) {
      keep(CHAT_MODEL_KEY, id);
      set({ chatModel: id });
      estimateSoon();
    },
    async loadChatModels() {
      if (get().chatModels && !get().chatModels?.offline) return;
      const failure = await failureOf(async () => {
        const list = await unwrap(api().script.chatModels());
        const chosen = get().chatModel;
        const keepChosen = chosen !== null && list.models.some((model) => model.id === chosen);
        set({ chatModels: list, chatModel: keepChosen ? chosen : list.defaultModel });
        estimateSoon();
      });
      if (failure) set({ error: failure });
    },
    async breakdown() {
      const { script, videoModel, chatModel, running } = get();
      if (running || !videoModel || !chatModel) return;
      const id = crypto.randomUUID();
      requestId = id;
      set({ running: true, progress: null, error: null, invalid: null });
      const failure = await failureOf(async () => {
        const outcome = await unwrap(api().script.breakdown({ requestId: id, script, videoModel, chatModel }));
        if (requestId !== id) return;
        if (outcome.kind === 'invalid') {
          set({ invalid: { raw: outcome.raw, problems: outcome.problems } });
          return;
        }
        set({ open: false });
        const boards = useBoardsStore.getState();
        await boards.load();
        await boards.open(outcome.board.id);
        useNoticesStore.getState().notify({
          text: {
            message: {
              key: 'script.made',
              params: {
                count: outcome.board.shots.length,
                tokens: outcome.usage.promptTokens + outcome.usage.completionTokens,
                cost: outcome.usage.cost === null ? '?' : formatMoneyAmount(outcome.usage.cost),
              },
            },
          },
          testId: 'script-made',
        });
      });
      if (requestId !== id) return;
      requestId = null;
      // Stopped by the user: nothing to explain.
      set({ running: false, progress: null, ...(failure && failure.code !== 'cancelled' ? { error: failure } : {}) });
    },
    async cancel() {
      const id = requestId;
      if (!id) return;
      await unwrap(api().script.cancel({ requestId: id })).catch(() => undefined);
    },
    receiveProgress(id, progress) {
      if (id === requestId) set({ progress });
    },
  };
});
