import type { z } from 'zod';
import { AppError, type AppErrorData } from '../../../shared/errors';
import { contract, type Contract } from '../../../shared/ipc/contract';
import type { InvokeChannel, ResponseOf } from '../../../shared/ipc/contract-types';
import { fail, ok, type IpcResult } from '../../../shared/ipc/result';
import type { Logger } from '../logging/logger';
import type { TrustedSenderCheck } from './trusted-sender';
import { describeValidationError } from './validation-message';

/** Who is calling: the URL of the frame that sent the message. */
export interface CallContext {
  readonly senderUrl: string | undefined;
}

type ParsedRequest<C extends InvokeChannel> = z.output<Contract['invoke'][C]['request']>;

/** One handler per contract channel; the router guarantees its request has already been validated. */
/** The handlers of one domain (`library` → every `library.*` channel): each handler file returns exactly these. */
export type DomainHandlers<D extends string> = Pick<IpcHandlers, Extract<InvokeChannel, `${D}.${string}`>>;

export type IpcHandlers = {
  readonly [C in InvokeChannel]: (
    request: ParsedRequest<C>,
    context: CallContext,
  ) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

/** Turns raw IPC messages into validated handler calls and typed results. */
export interface IpcRouter {
  readonly channels: readonly InvokeChannel[];
  dispatch(channel: string, payload: unknown, context: CallContext): Promise<IpcResult<unknown>>;
}

/** What the router needs from its surroundings. */
export interface RouterDeps {
  readonly handlers: IpcHandlers;
  readonly isTrustedSender: TrustedSenderCheck;
  readonly logger: Logger;
  /** What every answer goes through on its way to the window (main's files become image tokens). */
  readonly forWindow?: <T>(response: T) => T;
}

function isInvokeChannel(channel: string): channel is InvokeChannel {
  return Object.hasOwn(contract.invoke, channel);
}

function unexpected(channel: string): AppErrorData {
  return {
    code: 'internal',
    message: `Reelbench hit an unexpected problem while handling "${channel}".`,
    action: 'Try again. If it keeps happening, the log file has the details for a bug report.',
  };
}

/** Builds the main-side router from the contract and one handler per channel. */
export function createIpcRouter({
  handlers,
  isTrustedSender,
  logger,
  forWindow = (response) => response,
}: RouterDeps): IpcRouter {
  async function dispatch(channel: string, payload: unknown, context: CallContext): Promise<IpcResult<unknown>> {
    if (!isTrustedSender(context.senderUrl)) {
      logger.warn('ipc: refused a message from an untrusted sender', { channel, senderUrl: context.senderUrl });
      return fail({
        code: 'untrustedSender',
        message: 'This request did not come from the Reelbench window and was refused.',
      });
    }
    if (!isInvokeChannel(channel)) {
      logger.warn('ipc: refused an unknown channel', { channel });
      return fail({ code: 'unknownChannel', message: `"${channel}" is not something Reelbench can do.` });
    }

    const spec = contract.invoke[channel];
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      return fail({
        code: 'invalidInput',
        message: `The request to "${channel}" was malformed: ${describeValidationError(parsed.error)}`,
      });
    }

    let response: unknown;
    try {
      const handler = handlers[channel] as (request: unknown, context: CallContext) => unknown;
      response = forWindow(await handler(parsed.data, context));
    } catch (error) {
      if (error instanceof AppError) return fail(error.toData());
      logger.error('ipc: handler threw', { channel, error });
      return fail(unexpected(channel));
    }

    const checked = spec.response.safeParse(response);
    if (!checked.success) {
      logger.error('ipc: handler answered outside the contract', { channel, issues: checked.error.issues });
      return fail(unexpected(channel));
    }
    return ok(checked.data);
  }

  return { channels: Object.keys(contract.invoke) as InvokeChannel[], dispatch };
}
