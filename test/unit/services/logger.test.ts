import { describe, expect, it } from 'vitest';
import { createRedactor, formatLogLine } from '../../../electron/services/logging/logger';

describe('log lines', () => {
  it('redacts every secret currently known, wherever it appears', () => {
    let secrets = ['sk-abcdef1234567890'];
    const redact = createRedactor(() => secrets);
    expect(redact('key sk-abcdef1234567890 and again sk-abcdef1234567890')).toBe('key [redacted] and again [redacted]');
    secrets = ['sk-replaced000000000'];
    expect(redact('sk-replaced000000000')).toBe('[redacted]');
  });

  it('ignores values too short to be a secret', () => {
    expect(createRedactor(() => ['a'])('a banana')).toBe('a banana');
  });

  it('formats JSON with error details for diagnosis', () => {
    const line = formatLogLine('error', 'boom', { error: new Error('bad thing'), channel: 'app.info' }, new Date(0));
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      time: '1970-01-01T00:00:00.000Z',
      level: 'error',
      message: 'boom',
      channel: 'app.info',
    });
    expect((parsed['error'] as { message: string }).message).toBe('bad thing');
    expect(line.endsWith('\n')).toBe(true);
  });
});
