import type { BreakdownProgress } from '../../../shared/script/script-models';
import type { DomainHandlers } from '../ipc/router';
import type { ScriptService } from './script-service';

/** How often, at most, the window hears how far an answer has been written. */
const PROGRESS_EVERY_MS = 100;

/** Handlers of the `script.*` domain: each request can be cancelled by its id while it is being answered. */
export function createScriptHandlers(
  script: ScriptService,
  onProgress: (requestId: string, progress: BreakdownProgress) => void,
  now: () => number = Date.now,
): DomainHandlers<'script'> {
  const running = new Map<string, AbortController>();
  const track = async <T>(requestId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    running.get(requestId)?.abort(new Error('replaced'));
    const controller = new AbortController();
    running.set(requestId, controller);
    try {
      return await work(controller.signal);
    } finally {
      if (running.get(requestId) === controller) running.delete(requestId);
    }
  };
  return {
    'script.chatModels': () => script.chatModels(),
    'script.estimate': (input) => script.estimate(input),
    'script.breakdown': ({ requestId, ...input }) =>
      track(requestId, (signal) => {
        let last = 0;
        return script.breakdown(input, {
          signal,
          onProgress: (progress) => {
            // Tokens arrive by the hundred a second: the window needs a few updates, not one per token.
            if (now() - last < PROGRESS_EVERY_MS) return;
            last = now();
            onProgress(requestId, progress);
          },
        });
      }),
    'script.refine': ({ requestId, ...input }) => track(requestId, (signal) => script.refine(input, { signal })),
    'script.cancel': ({ requestId }) => {
      running.get(requestId)?.abort(new Error('cancelled'));
      return undefined;
    },
  };
}
