import type { z } from 'zod';
import type { Contract } from './contract';
import type { IpcResult } from './result';

/** A renderer→main call channel, e.g. `app.info`. */
export type InvokeChannel = keyof Contract['invoke'] & string;
/** A main→renderer event channel, e.g. `app.navigate`. */
export type EventChannel = keyof Contract['events'] & string;

/** What the renderer sends on a channel (before validation). */
export type RequestOf<C extends InvokeChannel> = z.input<Contract['invoke'][C]['request']>;
/** What the main side answers on a channel. */
export type ResponseOf<C extends InvokeChannel> = z.output<Contract['invoke'][C]['response']>;
/** What an event carries. */
export type PayloadOf<E extends EventChannel> = z.output<Contract['events'][E]['payload']>;

/** Stops an event subscription. */
export type Unsubscribe = () => void;

type DomainOf<C extends string> = C extends `${infer D}.${string}` ? D : never;
type VerbOf<C extends string, D extends string> = C extends `${D}.${infer V}` ? V : never;

type InvokeMethod<C extends InvokeChannel> = [RequestOf<C>] extends [undefined]
  ? () => Promise<IpcResult<ResponseOf<C>>>
  : (request: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>;

type EventMethod<E extends EventChannel> = (listener: (payload: PayloadOf<E>) => void) => Unsubscribe;

/**
 * `window.reelbench`: one object per domain; `domain.verb` calls become `api.domain.verb(request)`,
 * `domain.event` events become `api.domain.onEvent(listener)` returning an unsubscribe function.
 */
export type ReelbenchApi = {
  readonly [D in DomainOf<InvokeChannel> | DomainOf<EventChannel>]: {
    readonly [V in VerbOf<InvokeChannel, D>]: InvokeMethod<`${D}.${V}` & InvokeChannel>;
  } & {
    readonly [V in VerbOf<EventChannel, D> as `on${Capitalize<V>}`]: EventMethod<`${D}.${V}` & EventChannel>;
  };
};
