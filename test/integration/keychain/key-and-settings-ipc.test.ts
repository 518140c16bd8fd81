import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { BASE_URL_RULE } from '../../../shared/models/settings';
import { startFakeApimart, type FakeApimart } from '../../fake-apimart/fake-server.ts';
import { keychainGate } from '../../support/keychain-probe';
import { setupServices, type ServicesSetup } from '../../support/main-services-setup';

const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

let fake: FakeApimart;
let app: ServicesSetup;
afterEach(async () => {
  await app.close();
  await fake.close();
});

describe.skipIf(gate.skip)('key.* and settings.* over the IPC router', () => {
  it('sets, reports, tests and clears the key; the window only ever gets a hint', async () => {
    fake = await startFakeApimart({ balance: 42.5 });
    app = await setupServices(fake.baseUrl);
    await expect(app.call('key.status')).resolves.toEqual({
      ok: true,
      data: { present: false, hint: null, source: null },
    });
    await expect(app.call('key.test')).resolves.toMatchObject({
      ok: false,
      error: { code: 'noKey', action: 'Add your key in Settings → API key.' },
    });
    await expect(app.call('key.set', { value: fake.apiKey })).resolves.toEqual({
      ok: true,
      data: { present: true, hint: fake.apiKey.slice(-4), source: 'keychain' },
    });
    await expect(app.call('key.test')).resolves.toEqual({
      ok: true,
      data: { remaining: 42.5, used: 0, unlimited: false },
    });
    await expect(app.call('key.clear')).resolves.toEqual({
      ok: true,
      data: { present: false, hint: null, source: null },
    });
  });

  it('reports a rejected key in words a person can act on', async () => {
    fake = await startFakeApimart();
    app = await setupServices(fake.baseUrl);
    await app.call('key.set', { value: 'sk-not-the-right-key-0001' });
    await expect(app.call('key.test')).resolves.toEqual({
      ok: false,
      error: {
        code: 'auth',
        message: 'This key was rejected by APIMart.',
        action: 'Check the key in Settings → API key, or create a new one in your APIMart dashboard.',
        // What the window shows, in the reader's language.
        text: { key: 'error.auth', params: {} },
      },
    });
  });

  it('refuses a malformed key payload without echoing it', async () => {
    fake = await startFakeApimart();
    app = await setupServices(fake.baseUrl);
    const secretish = 'sk-has space-inside-9999';
    const answer = await app.call('key.set', { value: secretish });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    expect(JSON.stringify(answer)).not.toContain(secretish);
    await expect(app.call('key.set', { value: 42 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalidInput' },
    });
  });

  it('keeps settings in their own file, https only (loopback excepted), and never with the key', async () => {
    fake = await startFakeApimart();
    app = await setupServices(fake.baseUrl);
    await app.call('key.set', { value: fake.apiKey });
    await expect(app.call('settings.update', { apiBaseUrl: 'http://api.example.com' })).resolves.toEqual({
      ok: false,
      error: {
        code: 'invalidInput',
        message: `The request to "settings.update" was malformed: apiBaseUrl: ${BASE_URL_RULE}`,
      },
    });
    await expect(app.call('settings.update', { apiBaseUrl: 'https://user:pw@api.example.com' })).resolves.toMatchObject(
      { ok: false },
    );
    app.desktop.nextHostAnswer = true;
    await expect(app.call('settings.update', { apiBaseUrl: 'https://gateway.example.com/' })).resolves.toEqual({
      ok: true,
      data: expect.objectContaining({ apiBaseUrl: 'https://gateway.example.com' }),
    });
    await expect(app.call('settings.get')).resolves.toMatchObject({
      ok: true,
      data: { apiBaseUrl: 'https://gateway.example.com' },
    });
    const onDisk = await readFile(app.paths.settingsFile, 'utf8');
    expect(JSON.parse(onDisk)).toMatchObject({ apiBaseUrl: 'https://gateway.example.com' });
    expect(onDisk).not.toContain(fake.apiKey);
  });

  it('uses a changed base URL for the next call', async () => {
    fake = await startFakeApimart();
    const other = await startFakeApimart({ apiKey: fake.apiKey, balance: 7 });
    app = await setupServices(fake.baseUrl);
    await app.call('key.set', { value: fake.apiKey });
    await app.call('settings.update', { apiBaseUrl: other.baseUrl });
    await expect(app.call('key.test')).resolves.toMatchObject({ ok: true, data: { remaining: 7 } });
    expect(other.count('balance')).toBe(1);
    expect(fake.count('balance')).toBe(0);
    await other.close();
  });

  it('asks the user, in a native dialog, before the key may go to a new API host; refused, nothing changes', async () => {
    fake = await startFakeApimart();
    app = await setupServices(fake.baseUrl);
    await app.call('key.set', { value: fake.apiKey });
    app.desktop.nextHostAnswer = false;
    await expect(app.call('settings.update', { apiBaseUrl: 'https://collector.example.net' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalidInput', message: expect.stringContaining('collector.example.net was not confirmed') },
    });
    expect(app.desktop.askedHosts).toEqual(['collector.example.net']);
    await expect(app.call('settings.get')).resolves.toMatchObject({ data: { apiBaseUrl: fake.baseUrl } });
    // Other settings, and the same host, need no question.
    await expect(app.call('settings.update', { theme: 'dark', apiBaseUrl: `${fake.baseUrl}/` })).resolves.toMatchObject(
      {
        ok: true,
      },
    );
    expect(app.desktop.askedHosts).toHaveLength(1);
    await expect(app.call('key.test')).resolves.toMatchObject({ ok: true });
    expect(fake.count('balance')).toBe(1);
  });
});
