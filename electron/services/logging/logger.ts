// eslint-disable-next-line no-restricted-syntax -- the log folder is made once, when the process starts
import { createWriteStream, mkdirSync } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
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

/** How large a log grows before it is set aside, and how many set-aside logs are kept beside it. */
export interface LogRotation {
  readonly maxBytes: number;
  readonly keep: number;
}

/** 5 MB a file, three older ones kept (`main.1.log` the newest of them): enough to cover days of use. */
const DEFAULT_LOG_ROTATION: LogRotation = { maxBytes: 5 * 1024 * 1024, keep: 3 };

/** `main.log` → `main.2.log`. */
const setAside = (file: string, index: number) =>
  path.join(path.dirname(file), `${path.basename(file, '.log')}.${index}.log`);

/** Shifts `main.log` to `main.1.log`, `main.1.log` to `main.2.log`…, dropping the oldest. */
async function rotate(file: string, keep: number): Promise<void> {
  for (let index = keep - 1; index >= 1; index -= 1)
    await rename(setAside(file, index), setAside(file, index + 1)).catch(() => undefined);
  await rename(file, setAside(file, 1)).catch(() => undefined);
}

/**
 * A logger appending JSON lines to a file (created with its folder on first use), with secrets redacted. The file
 * is set aside once it passes `rotation.maxBytes`; lines written while that happens wait for the new file. Another
 * process logging to the same file sets it aside by its own count, so a file may grow past the cap by what that
 * process wrote, never without bound.
 */
export function createFileLogger(
  file: string,
  redact: Redactor,
  { clock = () => new Date(), rotation = DEFAULT_LOG_ROTATION }: { clock?: () => Date; rotation?: LogRotation } = {},
): Logger {
  mkdirSync(path.dirname(file), { recursive: true });
  // A log that cannot be written (its folder deleted, the disk full) must not take the process down with it.
  const openLog = () => createWriteStream(file, { flags: 'a' }).on('error', () => undefined);
  let stream = openLog();
  let size: number | null = null;
  void stat(file).then(
    (info) => (size = (size ?? 0) + info.size),
    () => (size = size ?? 0),
  );
  let rotating: Promise<void> | null = null;
  let waiting: string[] = [];

  const startRotation = () => {
    const old = stream;
    rotating = new Promise<void>((resolve) => old.end(resolve))
      .then(() => rotate(file, rotation.keep))
      .then(() => {
        stream = openLog();
        size = 0;
        rotating = null;
        const lines = waiting;
        waiting = [];
        for (const line of lines) append(line);
      });
  };
  const append = (line: string) => {
    if (rotating) return void waiting.push(line);
    const bytes = Buffer.byteLength(line);
    if (size !== null && size > 0 && size + bytes > rotation.maxBytes) {
      waiting.push(line);
      return startRotation();
    }
    size = (size ?? 0) + bytes;
    stream.write(line);
  };
  const write = (level: string) => (message: string, fields?: LogFields) =>
    append(redact(formatLogLine(level, message, fields, clock())));
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
