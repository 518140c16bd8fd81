import type { Contract } from './contract';
import type { EventChannel, InvokeChannel, ReelbenchApi, Unsubscribe } from './contract-types';

/** How a bridge reaches the main side: Electron's ipcRenderer in the preload, a test binding in the e2e harness. */
export interface BridgeTransport {
  invoke(channel: InvokeChannel, request: unknown): Promise<unknown>;
  subscribe(event: EventChannel, listener: (payload: unknown) => void): Unsubscribe;
}

/** The channel names of a contract, the only part of it a bridge needs at run time. */
export interface ChannelNames {
  readonly invoke: readonly InvokeChannel[];
  readonly events: readonly EventChannel[];
}

/** Lists a contract's channels. */
export function channelNames(contract: Contract): ChannelNames {
  return {
    invoke: Object.keys(contract.invoke) as InvokeChannel[],
    events: Object.keys(contract.events) as EventChannel[],
  };
}

/** Splits `domain.verb` into its two parts. */
export function splitChannel(channel: string): readonly [domain: string, verb: string] {
  const dot = channel.indexOf('.');
  if (dot <= 0 || dot === channel.length - 1) throw new Error(`Channel "${channel}" is not named domain.verb`);
  return [channel.slice(0, dot), channel.slice(dot + 1)];
}

/** `changed` → `onChanged`: the method name under which an event is exposed. */
export function eventMethodName(verb: string): string {
  return `on${verb.charAt(0).toUpperCase()}${verb.slice(1)}`;
}

/** Builds the `window.reelbench` object for the given channels over a transport. */
export function buildReelbenchApi(names: ChannelNames, transport: BridgeTransport): ReelbenchApi {
  const domains = new Map<string, Record<string, unknown>>();
  const domainObject = (domain: string): Record<string, unknown> => {
    let entry = domains.get(domain);
    if (!entry) {
      entry = {};
      domains.set(domain, entry);
    }
    return entry;
  };

  for (const channel of names.invoke) {
    const [domain, verb] = splitChannel(channel);
    domainObject(domain)[verb] = (request?: unknown) => transport.invoke(channel, request);
  }
  for (const event of names.events) {
    const [domain, verb] = splitChannel(event);
    domainObject(domain)[eventMethodName(verb)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${event}: listener must be a function`);
      return transport.subscribe(event, listener);
    };
  }

  const api: Record<string, unknown> = {};
  for (const [domain, methods] of domains) api[domain] = Object.freeze(methods);
  // The shape is assembled from the same names the type is derived from; bridge-api tests pin the two together.
  return Object.freeze(api) as unknown as ReelbenchApi;
}
