import type { AppErrorData } from '../errors';

/** What every IPC call resolves to: the handler never throws across the boundary. */
export type IpcResult<T> =
  { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: AppErrorData };

/** Wraps a successful value. */
export function ok<T>(data: T): IpcResult<T> {
  return { ok: true, data };
}

/** Wraps an error. */
export function fail<T = never>(error: AppErrorData): IpcResult<T> {
  return { ok: false, error };
}
