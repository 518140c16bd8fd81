import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeApimart, type FakeApimart } from '../fake-apimart/fake-server.ts';
import { filesContaining } from '../support/find-in-tree';
import { keychainGate } from '../support/keychain-probe';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';

const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

const CANARY = `sk-LEAKCANARY-${randomBytes(16).toString('hex')}`;
let fake: FakeApimart;
let app: AppHarness;
afterEach(async () => {
  await app.close();
  await fake.close();
  await closeBrowser();
});

describe.skipIf(gate.skip)('the key in the window', () => {
  it('goes in once (the user pastes it) and never comes back out', async () => {
    fake = await startFakeApimart({ apiKey: CANARY, balance: 9 });
    app = await launchApp({ apiBaseUrl: fake.baseUrl });
    await app.page.getByTestId('app-info').waitFor();

    const answers = await app.page.evaluate(async (key) => {
      const api = (
        globalThis as unknown as { reelbench: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> }
      ).reelbench;
      const key_ = api['key'];
      if (!key_) throw new Error('no key domain on the bridge');
      const set = await key_['set']?.({ value: key });
      const status = await key_['status']?.();
      const test = await key_['test']?.();
      return { set, status, test };
    }, CANARY);

    expect(answers).toEqual({
      set: { ok: true, data: { present: true, hint: CANARY.slice(-4), source: 'keychain' } },
      status: { ok: true, data: { present: true, hint: CANARY.slice(-4), source: 'keychain' } },
      test: { ok: true, data: { remaining: 9, used: 0, unlimited: false } },
    });
    // The key went to the main side in the key.set request; no answer or event carried it back.
    expect(app.ipcTraffic.length).toBeGreaterThanOrEqual(4);
    expect(app.ipcTraffic.filter((entry) => entry.includes(CANARY))).toEqual([]);

    // Written as page source: this file is type-checked for Node, where the DOM does not exist.
    const pageState = await app.page.evaluate(`(async () => JSON.stringify({
      html: document.documentElement.outerHTML,
      local: { ...localStorage },
      session: { ...sessionStorage },
      databases: (await indexedDB.databases()).map((database) => database.name),
    }))()`);
    expect(typeof pageState).toBe('string');
    expect(pageState).toContain('app-frame');
    expect(pageState).not.toContain(CANARY);
    expect(await filesContaining(app.dataDir, CANARY)).toEqual([]);
  });
});
