import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';

/**
 * Progress notifications for a long call, when the client asked for them (a progress token in the request): one per
 * whole percent, so a join of thousands of packets sends at most a hundred. Undefined when nobody listens.
 */
export function progressNotifier(
  extra: RequestHandlerExtra<ServerRequest, ServerNotification>,
  message: string,
): ((fraction: number) => void) | undefined {
  const token = extra._meta?.progressToken;
  if (token === undefined) return undefined;
  let sent = -1;
  return (fraction) => {
    const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
    if (percent <= sent) return;
    sent = percent;
    void extra
      .sendNotification({
        method: 'notifications/progress',
        params: { progressToken: token, progress: percent, total: 100, message },
      })
      .catch(() => undefined);
  };
}
