import { describe, expect, it } from 'vitest';
import { classifyErrorResponse } from '../../../electron/services/apimart/classify-response';
import { isPolicyRefusal, summarizeErrorBody } from '../../../electron/services/apimart/error-body';

const classify = (status: number, body: unknown, headers: Record<string, string> = {}, model?: string) =>
  classifyErrorResponse(
    status,
    'Status Text',
    typeof body === 'string' ? body : JSON.stringify(body),
    new Headers(headers),
    { model },
    Date.parse('2026-11-24T00:00:00Z'),
  );

describe('error bodies', () => {
  it('reads the three shapes the gateway uses', () => {
    expect(summarizeErrorBody('{"error":{"message":"bad key","type":"auth","code":"invalid_api_key"}}')).toEqual({
      message: 'bad key',
      type: 'auth',
      code: 'invalid_api_key',
    });
    expect(summarizeErrorBody('{"code":400,"message":"duration invalid"}')).toEqual({
      message: 'duration invalid',
      code: '400',
      type: undefined,
    });
    expect(summarizeErrorBody('{"success":false,"message":"no quota"}')).toMatchObject({ message: 'no quota' });
    expect(summarizeErrorBody('<html>502 Bad Gateway</html>')).toEqual({
      message: undefined,
      code: undefined,
      type: undefined,
    });
    expect(summarizeErrorBody('null').message).toBeUndefined();
  });

  it('recognises content-policy refusals in several phrasings', () => {
    for (const reason of [
      'Rejected by safety system',
      'content policy violation',
      'This prompt is flagged by moderation',
      '内容违规',
      undefined,
    ]) {
      expect(isPolicyRefusal(reason), String(reason)).toBe(reason !== undefined);
    }
    expect(isPolicyRefusal('upstream timeout')).toBe(false);
  });
});

describe('classifying a failed answer', () => {
  it.each([
    [401, { error: { message: 'Invalid key' } }, 'auth'],
    [402, { message: 'pay up' }, 'insufficientBalance'],
    [403, { error: { message: 'quota exceeded for this token' } }, 'insufficientBalance'],
    [400, { success: false, message: '余额不足' }, 'insufficientBalance'],
    [403, { error: { message: 'forbidden' } }, 'auth'],
    [400, { code: 400, message: 'duration must be 4, 8 or 12' }, 'invalidRequest'],
    [422, { error: { message: 'unprocessable' } }, 'invalidRequest'],
    [413, { error: { message: 'too large' } }, 'invalidRequest'],
    [500, 'oops', 'server'],
    [502, '<html>bad gateway</html>', 'server'],
  ])('%i %j → %s', (status, body, code) => {
    expect(classify(status, body).code).toBe(code);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(classify(429, {}, { 'retry-after': '7' }).detail.retryAfterMs).toBe(7_000);
    expect(classify(429, {}, { 'retry-after': 'Tue, 24 Nov 2026 00:00:30 GMT' }).detail.retryAfterMs).toBe(30_000);
    expect(classify(429, {}).detail.retryAfterMs).toBeUndefined();
    expect(classify(429, {}, { 'retry-after': '2' }).action).toBe('Wait about 2 s, then try again.');
  });

  it('spots an unknown model by code or wording, including a gateway that has no channel for it', () => {
    expect(classify(400, { error: { message: 'x', code: 'model_not_found' } }, {}, 'sora-2-preview').code).toBe(
      'unknownModel',
    );
    expect(classify(400, { message: 'The model sora-2-preview does not exist' }, {}, 'sora-2-preview').code).toBe(
      'unknownModel',
    );
    expect(
      classify(
        503,
        { error: { message: '当前分组 default 下对于模型 sora-2-preview 无可用渠道' } },
        {},
        'sora-2-preview',
      ).code,
    ).toBe('unknownModel');
    // Without a model in context the same words are an ordinary refusal.
    expect(classify(400, { error: { message: 'x', code: 'model_not_found' } }).code).toBe('invalidRequest');
  });

  it('falls back to the status text when the body says nothing', () => {
    expect(classify(400, '').message).toBe('APIMart refused the request: Status Text');
  });
});
