import { describe, expect, it } from 'vitest';
import {
  buildReelbenchApi,
  channelNames,
  eventMethodName,
  splitChannel,
  type BridgeTransport,
} from '../../../shared/ipc/bridge-api';
import { contract } from '../../../shared/ipc/contract';
import type { EventChannel, InvokeChannel } from '../../../shared/ipc/contract-types';

function recordingTransport() {
  const invoked: { channel: InvokeChannel; request: unknown }[] = [];
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const transport: BridgeTransport = {
    invoke: async (channel, request) => {
      invoked.push({ channel, request });
      return { ok: true, data: `answer to ${channel}` };
    },
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  const deliver = (event: EventChannel, payload: unknown) =>
    listeners.get(event)?.forEach((listener) => listener(payload));
  return { transport, invoked, deliver, listeners };
}

describe('bridge api', () => {
  it('exposes every contract channel as domain.verb and every event as domain.onEvent', () => {
    const { transport } = recordingTransport();
    const api = buildReelbenchApi(channelNames(contract), transport) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    for (const channel of Object.keys(contract.invoke)) {
      const [domain, verb] = splitChannel(channel);
      expect(typeof api[domain]?.[verb], channel).toBe('function');
    }
    for (const event of Object.keys(contract.events)) {
      const [domain, verb] = splitChannel(event);
      expect(typeof api[domain]?.[eventMethodName(verb)], event).toBe('function');
    }
  });

  it('forwards calls to the transport with their channel and request', async () => {
    const { transport, invoked } = recordingTransport();
    const api = buildReelbenchApi(channelNames(contract), transport);
    await expect(api.app.info()).resolves.toEqual({ ok: true, data: 'answer to app.info' });
    expect(invoked).toEqual([{ channel: 'app.info', request: undefined }]);
  });

  it('delivers events until the subscription is undone', () => {
    const { transport, deliver } = recordingTransport();
    const api = buildReelbenchApi(channelNames(contract), transport);
    const seen: unknown[] = [];
    const unsubscribe = api.app.onNavigate((payload) => seen.push(payload));
    deliver('app.navigate', { view: 'library' });
    unsubscribe();
    deliver('app.navigate', { view: 'queue' });
    expect(seen).toEqual([{ view: 'library' }]);
  });

  it('is frozen, so page scripts cannot swap a method for another channel', () => {
    const api = buildReelbenchApi(channelNames(contract), recordingTransport().transport);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.app)).toBe(true);
  });

  it('refuses a non-function listener', () => {
    const api = buildReelbenchApi(channelNames(contract), recordingTransport().transport) as unknown as {
      app: { onNavigate(listener: unknown): unknown };
    };
    expect(() => api.app.onNavigate('not a function')).toThrow(TypeError);
  });

  it('requires channels to be named domain.verb', () => {
    expect(splitChannel('library.list')).toEqual(['library', 'list']);
    expect(() => splitChannel('nodot')).toThrow(/domain\.verb/);
    expect(() => splitChannel('.verb')).toThrow();
    expect(eventMethodName('changed')).toBe('onChanged');
  });
});
