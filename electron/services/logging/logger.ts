import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

/** Fields attached to a log line; values are serialized as JSON. */
export type LogFields = Readonly<Record<string, unknown>>;

/** Where the main process writes what it wants to remember for diagnosis. */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Replaces every occurrence of each secret (for example the API key) before a line is written. */
export type Redactor = (line: string) => string;

/** Builds a redactor over secrets that can change while the app runs (a key set or replaced). */
export function createRedactor(secrets: () => readonly string[]): Redactor {
  return (line) => {
    let out = line;
    for (const secret of secrets()) {
      // Very short values would shred ordinary words; real secrets are long.
      if (secret.length >= 8) out = out.split(secret).join('[redacted]');
    }
    return out;
  };
}

/** Formats one JSON log line. Errors keep their stack so the log is useful; the user never sees it. */
export function formatLogLine(level: string, message: string, fields: LogFields | undefined, now: Date): string {
  const serializable: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields ?? {})) {
    serializable[key] =
      value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
  }
  return `${JSON.stringify({ time: now.toISOString(), level, message, ...serializable })}\n`;
}

/** A logger appending JSON lines to a file (created with its folder on first use), with secrets redacted. */
export function createFileLogger(file: string, redact: Redactor, clock: () => Date = () => new Date()): Logger {
  mkdirSync(path.dirname(file), { recursive: true });
  const stream = createWriteStream(file, { flags: 'a' });
  const write = (level: string) => (message: string, fields?: LogFields) => {
    stream.write(redact(formatLogLine(level, message, fields, clock())));
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
