import { z } from 'zod';
import { MAX_MESSAGE_CHARS, shortenText } from './text/shorten';

/** Every error that crosses the IPC boundary carries one of these codes. */
export const errorCodeSchema = z.enum([
  // The IPC boundary
  'invalidInput',
  'unknownChannel',
  'untrustedSender',
  'internal',
  // Talking to APIMart
  'noKey',
  'auth',
  'insufficientBalance',
  'rateLimited',
  'invalidRequest',
  'unknownModel',
  'server',
  'network',
  'timeout',
  'cancelled',
  'contentPolicy',
  'expired',
  'malformed',
  // The OS keychain
  'keychainUnavailable',
  'keychainModuleMissing',
  // Reference images
  'invalidImage',
  // The library
  'notFound',
  'libraryUnavailable',
  'diskFull',
  // Takes that cannot be joined packet for packet: the window encodes them again.
  'needsEncode',
]);

/** A machine-readable error code; the renderer branches on it, never on message text. */
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** A catalog message named by data: its key, and the values of its placeholders. */
export const messageRefSchema = z.object({
  key: z.string().max(200),
  params: z.record(z.string(), z.union([z.string().max(10_000), z.number()])),
});

/** A message named by data (on an error, a warning, a finding): each window shows it in its own language. */
export type MessageRef = z.infer<typeof messageRefSchema>;

/**
 * The shape of an error as the renderer receives it: a sentence for a person and a next step when there is one (in
 * English, for logs and the CLI), and the catalog message they were made from, which the window shows translated.
 */
export const appErrorDataSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  action: z.string().optional(),
  text: messageRefSchema.optional(),
  /** The next step's message when it is not the message's own `.action` companion. */
  actionText: messageRefSchema.optional(),
});

/** Plain data describing an error; safe to serialize across processes. */
export type AppErrorData = z.infer<typeof appErrorDataSchema>;

/**
 * An error a service throws on purpose. Its message is written for the user, so the router passes it through
 * unchanged; anything else thrown is treated as a bug and replaced by a generic sentence.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly action: string | undefined;
  readonly text: MessageRef | undefined;
  readonly actionText: MessageRef | undefined;

  constructor(code: ErrorCode, message: string, action?: string, text?: MessageRef, actionText?: MessageRef) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.action = action;
    this.text = text;
    this.actionText = actionText;
  }

  /** The serializable form sent to the renderer. */
  /** The error as data, each text bounded: a server's 12,000-character reason is stored and shown shortened. */
  toData(): AppErrorData {
    return {
      code: this.code,
      message: shortenText(this.message, 2 * MAX_MESSAGE_CHARS),
      ...(this.action === undefined ? {} : { action: shortenText(this.action, 2 * MAX_MESSAGE_CHARS) }),
      ...(this.text === undefined ? {} : { text: boundedRef(this.text) }),
      ...(this.actionText === undefined ? {} : { actionText: boundedRef(this.actionText) }),
    };
  }
}

/** A catalog message whose placeholder values are bounded like every text from outside. */
function boundedRef(ref: MessageRef): MessageRef {
  const params = Object.fromEntries(
    Object.entries(ref.params).map(([name, value]) => [name, typeof value === 'string' ? shortenText(value) : value]),
  );
  return { key: ref.key, params };
}
