// Runs inside the test page in place of the preload: the same bridge builder over a Playwright binding.
import { buildReelbenchApi, channelNames } from '../../../../shared/ipc/bridge-api';
import { contract } from '../../../../shared/ipc/contract';

interface HarnessWindow {
  __reelbenchInvoke(channel: string, request: unknown): Promise<unknown>;
  __reelbenchDeliver?: (event: string, payload: unknown) => void;
}

const harness = window as unknown as Window & HarnessWindow;
const listeners = new Map<string, Set<(payload: unknown) => void>>();

harness.__reelbenchDeliver = (event, payload) => {
  listeners.get(event)?.forEach((listener) => listener(payload));
};

const api = buildReelbenchApi(channelNames(contract), {
  invoke: (channel, request) => harness.__reelbenchInvoke(channel, request),
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
