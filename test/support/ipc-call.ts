import type { ServicesSetup } from './main-services-setup';

/** What the router answers a call with. */
export type IpcAnswer = { ok: boolean; data?: unknown; error?: { code: string; message: string } };

/** A call through the router as the window makes it, its data returned (a refusal thrown with what it said). */
export const ipcCaller =
  (app: () => ServicesSetup) =>
  async <T>(channel: string, payload?: unknown): Promise<T> => {
    const answer = (await app().call(channel, payload)) as IpcAnswer;
    if (!answer.ok) throw new Error(`IPC call failed: ${JSON.stringify(answer.error)}`);
    return answer.data as T;
  };
