import type { Logger } from './logging/logger';

/** A typed in-process publish/subscribe: how services tell each other (and the window) what happened. */
export interface EventBus<Events> {
  on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): () => void;
  emit<K extends keyof Events>(name: K, payload: Events[K]): void;
}

/** Creates a bus; a listener that throws is logged and does not keep the others from hearing the event. */
export function createEventBus<Events>(logger?: Logger): EventBus<Events> {
  // Keyed by event name, so each set only ever holds listeners of that event's payload.
  const listeners = new Map<keyof Events, Set<(payload: unknown) => void>>();
  return {
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      listeners.set(name, set);
      return () => void set.delete(untyped);
    },
    emit(name, payload) {
      for (const listener of [...(listeners.get(name) ?? [])]) {
        try {
          listener(payload);
        } catch (error) {
          logger?.warn('events: a listener failed', { event: String(name), error });
        }
      }
    },
  };
}
