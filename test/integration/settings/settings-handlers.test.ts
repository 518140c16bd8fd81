import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsHandlers } from '../../../electron/services/settings/settings-handlers';
import { openSettingsStore } from '../../../electron/services/settings/settings-store';
import { DEFAULT_API_BASE_URL } from '../../../shared/models/settings';
import { createTestDesktop, type TestDesktop } from '../../support/test-library-host';

// The key goes with every request to the API address: a new host is saved only after the user agreed in a native
// dialog the window cannot draw or answer.
let dir: string;
let file: string;
let desktop: TestDesktop;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-settings-'));
  file = path.join(dir, 'settings.json');
  desktop = createTestDesktop();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const handlersFor = async () => createSettingsHandlers(await openSettingsStore(file), desktop);
const saved = async () => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;

describe('settings handlers', () => {
  it('answers the settings and what was wrong with their file', async () => {
    await writeFile(file, JSON.stringify({ concurrency: 'many', theme: 'dark' }));
    const handlers = await handlersFor();
    expect(await handlers['settings.get'](undefined, { senderUrl: undefined })).toMatchObject({ theme: 'dark' });
    const problems = await handlers['settings.problems'](undefined, { senderUrl: undefined });
    expect(problems.length).toBeGreaterThan(0);
    expect(JSON.stringify(problems)).toContain('jobs at once');
  });

  it('saves other changes, and another address on the same host, without asking', async () => {
    const handlers = await handlersFor();
    await handlers['settings.update']({ theme: 'light' }, { senderUrl: undefined });
    const sameHost = `${new URL(DEFAULT_API_BASE_URL).origin}/v2`;
    await handlers['settings.update']({ apiBaseUrl: sameHost }, { senderUrl: undefined });
    expect(desktop.askedHosts).toEqual([]);
    expect(await saved()).toMatchObject({ theme: 'light', apiBaseUrl: sameHost });
  });

  it('asks before a new host; a no keeps the old address and says which host was declined', async () => {
    const handlers = await handlersFor();
    desktop.nextHostAnswer = false;
    const refusal = await Promise.resolve(
      handlers['settings.update'](
        { apiBaseUrl: 'https://collector.example:8443/v1', theme: 'light' },
        { senderUrl: undefined },
      ),
    ).catch((error: unknown) => error);
    expect(refusal).toMatchObject({
      code: 'invalidInput',
      text: { key: 'error.settings.hostDeclined', params: { host: 'collector.example:8443' } },
    });
    expect(desktop.askedHosts).toEqual(['collector.example:8443']);
    expect(await handlers['settings.get'](undefined, { senderUrl: undefined })).toMatchObject({
      apiBaseUrl: DEFAULT_API_BASE_URL,
    });

    desktop.nextHostAnswer = true;
    await handlers['settings.update']({ apiBaseUrl: 'https://collector.example:8443/v1' }, { senderUrl: undefined });
    expect(await saved()).toMatchObject({ apiBaseUrl: 'https://collector.example:8443/v1' });
    expect(desktop.askedHosts).toHaveLength(2);
  });
});
