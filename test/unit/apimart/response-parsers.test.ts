import { describe, expect, it } from 'vitest';
import {
  failureError,
  parseBalance,
  parseCreate,
  parseTask,
  parseUpload,
} from '../../../electron/services/apimart/response-parsers';

const task = (data: Record<string, unknown>) => JSON.stringify({ code: 200, data: { id: 'task_1', ...data } });

describe('response parsers', () => {
  it('reads a task id from data as an array or an object, ignoring extra fields', () => {
    expect(parseCreate('{"code":200,"data":[{"status":"submitted","task_id":"task_A","extra":1}]}')).toEqual({
      taskId: 'task_A',
    });
    expect(parseCreate('{"code":200,"data":{"task_id":"task_B"}}')).toEqual({ taskId: 'task_B' });
    expect(() => parseCreate('{"code":200,"data":[]}')).toThrow(/no task id/);
  });

  it('reads a completed video whose url is an array or a string', () => {
    const array = parseTask(
      task({
        status: 'completed',
        progress: 100,
        result: { videos: [{ url: ['https://v/1.mp4'], expires_at: 1763174708 }] },
      }),
    );
    const single = parseTask(task({ status: 'completed', result: { videos: [{ url: 'https://v/2.mp4' }] } }));
    expect(array).toMatchObject({ status: 'completed', video: { url: 'https://v/1.mp4', expiresAt: 1763174708000 } });
    expect(single).toMatchObject({
      status: 'completed',
      progress: 100,
      video: { url: 'https://v/2.mp4', expiresAt: null },
    });
  });

  it('refuses a completed task without a video and an unknown status', () => {
    expect(() => parseTask(task({ status: 'completed', result: { videos: [] } }))).toThrow(/without a video link/);
    expect(() => parseTask(task({ status: 'completed' }))).toThrow(/without a video link/);
    expect(() => parseTask(task({ status: 'exploded' }))).toThrow(/unexpected task status/);
  });

  it('keeps a failed task reason, as an object or a string, and classifies it', () => {
    const refused = parseTask(task({ status: 'failed', error: { message: 'Blocked by content policy' } }));
    expect(refused).toMatchObject({
      status: 'failed',
      failure: { kind: 'contentPolicy', reason: 'Blocked by content policy' },
    });
    expect(failureError(refused)).toMatchObject({
      code: 'contentPolicy',
      message: 'APIMart refused this under its content policy: Blocked by content policy',
    });
    const other = parseTask(task({ status: 'failed', error: 'GPU fell over' }));
    expect(other).toMatchObject({ failure: { kind: 'other', reason: 'GPU fell over' } });
    expect(failureError(other)).toBeNull();
    expect(parseTask(task({ status: 'failed' }))).toMatchObject({ failure: { reason: 'No reason was given.' } });
  });

  it('clamps progress and converts times to milliseconds', () => {
    expect(parseTask(task({ status: 'processing', progress: 140, created: 1763088289, estimated_time: 60 }))).toEqual({
      id: 'task_1',
      status: 'processing',
      progress: 100,
      estimatedSeconds: 60,
      createdAt: 1763088289000,
    });
  });

  it('reads balances, unlimited quotas and refusals', () => {
    expect(parseBalance('{"success":true,"remain_balance":10.5,"used_balance":2.3,"unlimited_quota":false}')).toEqual({
      remaining: 10.5,
      used: 2.3,
      unlimited: false,
    });
    expect(parseBalance('{"success":true,"remain_balance":-1,"used_balance":0,"unlimited_quota":true}')).toEqual({
      remaining: null,
      used: 0,
      unlimited: true,
    });
    expect(() => parseBalance('{"success":false,"message":"invalid token"}')).toThrow(
      'This key was rejected by APIMart.',
    );
    expect(() => parseBalance('{"success":true}')).toThrow(/balance missing/);
  });

  it('reads an upload and its 72-hour life', () => {
    const uploaded = parseUpload(
      '{"url":"https://upload.apimart.ai/f/image/a.jpg","filename":"a.jpg","content_type":"image/jpeg","bytes":5,"created_at":1743436800}',
      0,
    );
    expect(uploaded).toEqual({
      url: 'https://upload.apimart.ai/f/image/a.jpg',
      bytes: 5,
      contentType: 'image/jpeg',
      uploadedAt: 1743436800000,
      expiresAt: 1743436800000 + 72 * 3600 * 1000,
    });
    expect(() => parseUpload('{"filename":"a.jpg"}', 0)).toThrow(/without a URL/);
  });
});
