import { describe, expect, it } from 'vitest';
import { createIpcRouter, type IpcHandlers } from '../../../electron/services/ipc/router';
import { createTrustedSenderCheck } from '../../../electron/services/ipc/trusted-sender';
import { AppError } from '../../../shared/errors';
import { contract } from '../../../shared/ipc/contract';
import type { AppInfo } from '../../../shared/models/app-info';
import { createRecordingLogger } from '../../support/recording-logger';

const identity: AppInfo = {
  name: 'Reelbench',
  version: '1.2.3',
  platform: 'linux',
  arch: 'x64',
  electronVersion: null,
  chromeVersion: null,
};
const trusted = { senderUrl: 'app://reelbench/index.html' };

/** Every channel but `app.info` refuses loudly: these tests must only ever reach the one under test. */
function handlersWith(info: IpcHandlers['app.info']): IpcHandlers {
  const unused = () => {
    throw new Error('a channel these tests do not use was called');
  };
  const all = Object.fromEntries(Object.keys(contract.invoke).map((channel) => [channel, unused]));
  return { ...all, 'app.info': info } as unknown as IpcHandlers;
}

function routerWith(info: IpcHandlers['app.info']) {
  const logger = createRecordingLogger();
  const router = createIpcRouter({
    handlers: handlersWith(info),
    isTrustedSender: createTrustedSenderCheck(['app://reelbench/index.html']),
    logger,
  });
  return { router, logger };
}

describe('ipc router', () => {
  it('answers a valid call with the handler result', async () => {
    const { router } = routerWith(() => identity);
    await expect(router.dispatch('app.info', undefined, trusted)).resolves.toEqual({ ok: true, data: identity });
  });

  it('rejects a malformed payload with a readable validation error, without calling the handler', async () => {
    let called = false;
    const { router } = routerWith(() => {
      called = true;
      return identity;
    });
    const result = await router.dispatch('app.info', { unexpected: true }, trusted);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalidInput');
    expect(result.error.message).toMatch(/^The request to "app\.info" was malformed: request: /);
    expect(called).toBe(false);
  });

  it('refuses an unknown channel, including prototype names', async () => {
    const { router, logger } = routerWith(() => identity);
    for (const channel of ['library.dropTables', 'toString', '__proto__', 'constructor']) {
      const result = await router.dispatch(channel, undefined, trusted);
      expect(logger.lines.at(-1), channel).toMatchObject({
        level: 'warn',
        message: 'ipc: refused an unknown channel',
        fields: { channel },
      });
      expect(result, channel).toEqual({
        ok: false,
        error: { code: 'unknownChannel', message: `"${channel}" is not something Reelbench can do.` },
      });
    }
  });

  it('refuses senders that are not the app page', async () => {
    const { router, logger } = routerWith(() => identity);
    for (const senderUrl of ['https://evil.example/', 'file:///tmp/index.html', 'app://other/index.html', undefined]) {
      const result = await router.dispatch('app.info', undefined, { senderUrl });
      expect(result.ok, String(senderUrl)).toBe(false);
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'untrustedSender',
          message: 'This request did not come from the Reelbench window and was refused.',
        },
      });
      // Who knocked is kept for the bug report.
      expect(logger.lines.at(-1)).toEqual({
        level: 'warn',
        message: 'ipc: refused a message from an untrusted sender',
        fields: { channel: 'app.info', senderUrl },
      });
    }
    expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(4);
  });

  it('passes an AppError through as data', async () => {
    const { router } = routerWith(() => {
      throw new AppError('internal', 'The library folder is missing.', 'Choose a folder in Settings.');
    });
    await expect(router.dispatch('app.info', undefined, trusted)).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'The library folder is missing.', action: 'Choose a folder in Settings.' },
    });
  });

  it('turns an unexpected throw into a generic sentence and logs the detail, never sending a stack', async () => {
    const { router, logger } = routerWith(() => {
      throw new TypeError('cannot read properties of undefined (secret internals)');
    });
    const result = await router.dispatch('app.info', undefined, trusted);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual({
      code: 'internal',
      message: 'Reelbench hit an unexpected problem while handling "app.info".',
      action: 'Try again. If it keeps happening, the log file has the details for a bug report.',
    });
    expect(JSON.stringify(result)).not.toMatch(/secret internals|TypeError|at /);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({
      level: 'error',
      message: 'ipc: handler threw',
      fields: { channel: 'app.info' },
    });
    expect(logger.lines[0]?.fields?.['error']).toBeInstanceOf(TypeError);
  });

  it('treats an answer outside the contract as a bug', async () => {
    const { router, logger } = routerWith(() => ({ ...identity, version: '' }));
    const result = await router.dispatch('app.info', undefined, trusted);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('internal');
    expect(logger.lines[0]?.message).toBe('ipc: handler answered outside the contract');
    expect(logger.lines[0]?.fields).toMatchObject({
      channel: 'app.info',
      issues: [expect.objectContaining({ path: ['version'] })],
    });
  });

  it('lists every contract channel', () => {
    expect(routerWith(() => identity).router.channels).toEqual(Object.keys(contract.invoke));
  });
});
