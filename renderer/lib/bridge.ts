import type { AppErrorData } from '../../shared/errors';
import type { ReelbenchApi } from '../../shared/ipc/contract-types';
import type { IpcResult } from '../../shared/ipc/result';

declare global {
  interface Window {
    /** Exposed by the preload (or the e2e harness); absent when the page is opened outside Reelbench. */
    readonly reelbench?: ReelbenchApi;
  }
}

/** A failed IPC call, carrying the main side's readable error. */
export class BridgeError extends Error {
  readonly data: AppErrorData;

  constructor(data: AppErrorData) {
    super(data.message);
    this.name = 'BridgeError';
    this.data = data;
  }
}

/** The typed API to the main process. The only place in the renderer that touches `window.reelbench`. */
export function api(): ReelbenchApi {
  const bridge = window.reelbench;
  if (!bridge) {
    throw new BridgeError({
      code: 'internal',
      message: 'This page is not connected to the Reelbench app.',
      action: 'Open Reelbench itself rather than this page in a browser.',
    });
  }
  return bridge;
}

/**
 * Follows main-process events. The one place that decides what happens outside Reelbench (the page opened in a
 * browser): there is nothing to follow, `attach` is not called and null comes back, so a caller can skip what only
 * makes sense inside the app. Otherwise, one function that ends every subscription `attach` made.
 */
export function listen(attach: (bridge: ReelbenchApi) => readonly (() => void)[]): (() => void) | null {
  const bridge = window.reelbench;
  if (!bridge) return null;
  const subscriptions = attach(bridge);
  return () => subscriptions.forEach((unsubscribe) => unsubscribe());
}

/** Resolves a call's result to its data, or throws a {@link BridgeError} with the main side's message. */
export async function unwrap<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new BridgeError(result.error);
  return result.data;
}

/**
 * Runs work that calls the main process, and answers what went wrong as the window shows it, or null when nothing
 * did. With {@link toErrorData} (which notices use for what a click handler caught), the one place a thrown error
 * becomes a readable one: a store keeps the answer as its view's error (shown by `ErrorNotice`) or looks at its code.
 */
export async function failureOf(work: () => Promise<unknown>): Promise<AppErrorData | null> {
  try {
    await work();
    return null;
  } catch (error) {
    return toErrorData(error);
  }
}

/** The readable error behind anything a bridge call threw. */
export function toErrorData(error: unknown): AppErrorData {
  if (error instanceof BridgeError) return error.data;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
