import { contract } from '../../../shared/ipc/contract';
import type { EventChannel, PayloadOf } from '../../../shared/ipc/contract-types';

/** Delivers an already-validated event to the renderer (webContents.send in the shell, a page call in tests). */
export type EventSink = (event: EventChannel, payload: unknown) => void;

/** Sends main→renderer events, each checked against its contract schema before it leaves. */
export interface EventEmitter {
  emit<E extends EventChannel>(event: E, payload: PayloadOf<E>): void;
}

/** Creates an emitter over a sink. A payload outside the contract is a bug, so it throws rather than sends. */
export function createEventEmitter(sink: EventSink): EventEmitter {
  return {
    emit(event, payload) {
      sink(event, contract.events[event].payload.parse(payload));
    },
  };
}
