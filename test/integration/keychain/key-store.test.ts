import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY_ENV, createKeyStore, type KeyStore } from '../../../electron/services/keychain/key-store';
import { loadKeytar } from '../../../electron/services/keychain/load-keytar';
import { keychainGate } from '../../support/keychain-probe';
import type { AppError } from '../../../shared/errors';
import { errorText } from '../../../shared/i18n/error-text';
import { translator } from '../../../shared/i18n/translator';

const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

let service: string;
let store: KeyStore;
function freshStore(env: Record<string, string | undefined> = {}): KeyStore {
  service = `Reelbench-test-${randomBytes(6).toString('hex')}`;
  store = createKeyStore({ loadKeytar, env, service });
  return store;
}
afterEach(async () => {
  await (await loadKeytar()).deletePassword(service, 'apimart').catch(() => false);
});

describe.skipIf(gate.skip)('the API key in the real OS keychain', () => {
  it('starts empty, then sets, reports a hint, replaces and clears', async () => {
    const keys = freshStore();
    await expect(keys.status()).resolves.toEqual({ present: false, hint: null, source: null });
    await expect(keys.set('  sk-first-key-0000a1b2 \n')).resolves.toEqual({
      present: true,
      hint: 'a1b2',
      source: 'keychain',
    });
    await expect(keys.read()).resolves.toBe('sk-first-key-0000a1b2');
    await expect(keys.set('sk-second-key-99990c3d')).resolves.toEqual({
      present: true,
      hint: '0c3d',
      source: 'keychain',
    });
    await expect(keys.read()).resolves.toBe('sk-second-key-99990c3d');
    await expect(keys.clear()).resolves.toEqual({ present: false, hint: null, source: null });
    await expect(keys.read()).resolves.toBeNull();
    await expect(keys.clear()).resolves.toMatchObject({ present: false });
  });

  it('stores it where keytar (and so the OS) can see it, under service Reelbench-style names and account apimart', async () => {
    const keys = freshStore();
    await keys.set('sk-visible-to-the-os-1234');
    await expect((await loadKeytar()).getPassword(service, 'apimart')).resolves.toBe('sk-visible-to-the-os-1234');
  });

  it('survives a new store instance (a restart)', async () => {
    const first = freshStore();
    await first.set('sk-persisted-key-5678');
    const second = createKeyStore({ loadKeytar, env: {}, service });
    await expect(second.status()).resolves.toEqual({ present: true, hint: '5678', source: 'keychain' });
  });

  it.each([
    ['', 'Paste your APIMart API key first.'],
    ['   ', 'Paste your APIMart API key first.'],
    ['sk-two words', 'An API key has no spaces or line breaks inside; check what was pasted.'],
    ['sk-line\nbreak', 'An API key has no spaces or line breaks inside; check what was pasted.'],
    ['x'.repeat(513), 'That is 513 characters, too long to be an API key; check what was pasted.'],
    ['short', 'That is too short to be an APIMart API key.'],
  ])('refuses %j with a clear message and stores nothing', async (value, message) => {
    const keys = freshStore();
    await expect(keys.set(value)).rejects.toMatchObject({ code: 'invalidInput', message });
    await expect(keys.status()).resolves.toMatchObject({ present: false });
  });

  it('names each refusal by a catalog message, so the window says it in its own language', async () => {
    const refusal = await freshStore()
      .set('x'.repeat(600))
      .catch((error: unknown) => error);
    expect(refusal).toMatchObject({ text: { key: 'error.key.tooLong', params: { length: 600 } } });
    const shown = errorText(translator('ja'), (refusal as AppError).toData());
    expect(shown.message).toBe(translator('ja').t('error.key.tooLong', { length: 600 }));
    expect(shown.message).toContain('600');
  });

  it('lets REELBENCH_API_KEY override the keychain, reporting where the key comes from', async () => {
    const keys = freshStore({ [API_KEY_ENV]: ' sk-from-the-environment-beef ' });
    await keys.set('sk-in-the-keychain-cafe');
    await expect(keys.status()).resolves.toEqual({ present: true, hint: 'beef', source: 'environment' });
    await expect(keys.read()).resolves.toBe('sk-from-the-environment-beef');
    expect(keys.secretsForRedaction()).toEqual(
      expect.arrayContaining(['sk-from-the-environment-beef', 'sk-in-the-keychain-cafe']),
    );
  });
});
