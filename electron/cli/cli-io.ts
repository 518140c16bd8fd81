import { AppError, appErrorDataSchema, type AppErrorData } from '../../shared/errors';
import { forCli } from './cli-wording';

/** Where a command writes; injected so tests can capture it. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes: 0 done, 1 the operation failed (with a reason), 2 the command line was wrong, 130 interrupted (Ctrl+C). */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/**
 * A value the command refuses (a number out of range, a model or setting that does not exist, a file of the wrong
 * kind): exit code 1 like every refusal, whichever command. A UsageError (2) is for a command line that cannot be
 * read: an unknown command or option, a missing argument.
 */
export function refusedValue(message: string, action?: string): AppError {
  return new AppError('invalidInput', message, action);
}

/** A wrong command line: reported with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

// C0 and C1 controls but tab and newline, and the bidirectional overrides: what lets a text move the cursor,
// clear the screen, retitle the terminal or read in a different order than it is written.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text as a terminal may safely show it: server answers (error reasons, titles) cannot rewrite the screen. */
export function printable(text: string): string {
  return text.replace(CONTROLS, '');
}

/**
 * What an error says, in the CLI's words (commands, not the window's Settings): a thrown error, or one kept as data
 * (a job's reason, read back from the job store).
 */
export function errorData(error: unknown): AppErrorData {
  if (error instanceof AppError) return forCli(error.toData());
  const kept = appErrorDataSchema.safeParse(error);
  if (kept.success) return forCli(kept.data);
  return forCli({ code: 'internal', message: error instanceof Error ? error.message : String(error) });
}

/** Reports an error the way a person (or, with --json, a script) can act on it, and returns the exit code. */
export function reportError(io: CliIo, error: unknown, json: boolean): number {
  if (error instanceof UsageError) {
    const [message = '', ...usage] = error.message.split('\n').map((line) => line.trim());
    if (json)
      io.out(
        JSON.stringify({
          ok: false,
          error: { code: 'usage', message, ...(usage.length > 0 ? { usage: usage.join('\n') } : {}) },
        }),
      );
    else {
      io.err(`reelbench: ${error.message}`);
      io.err('Run `reelbench help` for usage.');
    }
    return EXIT.usage;
  }
  const data = errorData(error);
  if (json) io.out(JSON.stringify({ ok: false, error: data }));
  else io.err(`reelbench: ${data.message}${data.action ? `\n  ${data.action}` : ''}`);
  return EXIT.failed;
}
