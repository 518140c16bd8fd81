// Runs inside the test page in place of the preload: the same bridge builder over a Playwright binding.
import { buildReelbenchApi, channelNames } from '../../../../shared/ipc/bridge-api';
import { contract } from '../../../../shared/ipc/contract';

/** The harness's side: answers and events arrive as JSON text (see app-harness.ts). */
interface HarnessWindow {
  __reelbenchInvoke(channel: string, request: unknown): Promise<string>;
  __reelbenchDeliver?: (event: string, payload: string) => void;
}

const harness = window as unknown as Window & HarnessWindow;
const listeners = new Map<string, Set<(payload: unknown) => void>>();

harness.__reelbenchDeliver = (event, text) => {
  const payload: unknown = text === undefined ? undefined : JSON.parse(text);
  listeners.get(event)?.forEach((listener) => listener(payload));
};

const api = buildReelbenchApi(channelNames(contract), {
  invoke: async (channel, request) => JSON.parse(await harness.__reelbenchInvoke(channel, request)) as unknown,
  subscribe: (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => {
      set.delete(listener);
    };
  },
});

Object.defineProperty(window, 'reelbench', { value: api, writable: false, configurable: false, enumerable: true });
