import { AppError } from '../../shared/errors';

/** Where a command writes; injected so tests can capture it. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes: 0 done, 1 the operation failed (with a reason), 2 the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A wrong command line: reported with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Reports an error the way a person (or, with --json, a script) can act on it, and returns the exit code. */
export function reportError(io: CliIo, error: unknown, json: boolean): number {
  if (error instanceof UsageError) {
    io.err(`reelbench: ${error.message}`);
    io.err('Run `reelbench help` for usage.');
    return EXIT.usage;
  }
  const data: { code: string; message: string; action?: string | undefined } =
    error instanceof AppError ? error.toData() : { code: 'internal', message: error instanceof Error ? error.message : String(error) };
  if (json) io.out(JSON.stringify({ ok: false, error: data }));
  else io.err(`reelbench: ${data.message}${data.action ? `\n  ${data.action}` : ''}`);
  return EXIT.failed;
}
