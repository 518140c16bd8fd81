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

/** Resolves a call's result to its data, or throws a {@link BridgeError} with the main side's message. */
export async function unwrap<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new BridgeError(result.error);
  return result.data;
}

/** The readable error behind anything a bridge call threw. */
export function toErrorData(error: unknown): AppErrorData {
  if (error instanceof BridgeError) return error.data;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
