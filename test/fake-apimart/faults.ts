/** The endpoints a fault can be attached to. */
export type FaultRoute = 'upload' | 'generate' | 'task' | 'balance' | 'video' | 'speech' | 'transcription';

/** Misbehaviour the fake can be told to show on the next matching request(s). */
export type Fault =
  /** Answer with this status (and optional body and headers) instead of the real answer, after `afterMs` if given. */
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly body?: unknown;
      readonly headers?: Record<string, string>;
      readonly afterMs?: number;
    }
  /** Accept the request and never answer. */
  | { readonly kind: 'hang' }
  /** Close the connection without answering, before doing anything. */
  | { readonly kind: 'drop' }
  /** Do the work (create and bill the task) and then close the connection without answering. */
  | { readonly kind: 'dropAfterWork' }
  /** Do the work (create and bill the task) and then never answer (the client dies waiting, say). */
  | { readonly kind: 'hangAfterWork' }
  /** Do the work (create and bill the task) and answer 200 without its task id. */
  | { readonly kind: 'noTaskId' }
  /** Answer 200 with a body that is not valid JSON. */
  | { readonly kind: 'malformedJson' }
  /** Send the headers and this many body bytes, then cut the connection (downloads). */
  | { readonly kind: 'dropMidBody'; readonly afterBytes: number }
  /** Send the headers and this many body bytes, then keep the connection open and send nothing more (downloads). */
  | { readonly kind: 'stallMidBody'; readonly afterBytes: number }
  /** Answer a Range request with at most this many bytes (an honest 206, as CDNs that cap ranges send). */
  | { readonly kind: 'rangeCap'; readonly maxBytes: number }
  /** Answer 302 to the same path (as a CDN handing over to an edge would). */
  | { readonly kind: 'redirect' }
  /** Wait this long, then answer normally (a slow gateway). */
  | { readonly kind: 'delay'; readonly ms: number };

/** Faults decided as requests arrive (the chaos run's seeded plan), consulted when no fault is queued. */
export interface FaultPlan {
  /** The fault for the next request on `route`, if any. */
  faultFor(route: FaultRoute): Fault | undefined;
  /** The refusal a newly created task ends with (a content-policy message), or null for a task that succeeds. */
  taskFailure(): string | null;
}

/** Per-route queues of pending faults; each fault applies to one request. */
export class FaultQueue {
  readonly #queues = new Map<FaultRoute, Fault[]>();

  /** Queues `fault` for the next `times` requests on `route`. */
  add(route: FaultRoute, fault: Fault, times = 1): void {
    const queue = this.#queues.get(route) ?? [];
    for (let index = 0; index < times; index += 1) queue.push(fault);
    this.#queues.set(route, queue);
  }

  /** The fault for this request, if one is queued. */
  take(route: FaultRoute): Fault | undefined {
    return this.#queues.get(route)?.shift();
  }

  /** Drops every queued fault. */
  clear(): void {
    this.#queues.clear();
  }
}
