import type { LogFields, Logger } from '../../electron/services/logging/logger';

/** A logger that keeps its lines in memory so tests can assert on what was logged. */
export interface RecordingLogger extends Logger {
  readonly lines: { level: string; message: string; fields: LogFields | undefined }[];
}

/** Creates an empty recording logger. */
export function createRecordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  const record = (level: string) => (message: string, fields?: LogFields) => {
    lines.push({ level, message, fields });
  };
  return { lines, info: record('info'), warn: record('warn'), error: record('error') };
}
