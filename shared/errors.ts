import { z } from 'zod';

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
]);

/** A machine-readable error code; the renderer branches on it, never on message text. */
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** The shape of an error as the renderer receives it: a sentence for a person, and a next step when there is one. */
export const appErrorDataSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  action: z.string().optional(),
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

  constructor(code: ErrorCode, message: string, action?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.action = action;
  }

  /** The serializable form sent to the renderer. */
  toData(): AppErrorData {
    return this.action === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, action: this.action };
  }
}
