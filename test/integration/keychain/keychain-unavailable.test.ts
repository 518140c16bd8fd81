import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyStore } from '../../../electron/services/keychain/key-store';
import { loadKeytar } from '../../../electron/services/keychain/load-keytar';

// Vitest runs each file in its own process, so pointing this one at a bus that does not exist gives libsecret
// exactly the situation of a Linux desktop without a Secret Service.
process.env['DBUS_SESSION_BUS_ADDRESS'] = 'unix:path=/nonexistent/reelbench-no-secret-service';
delete process.env['DISPLAY'];

describe.runIf(process.platform === 'linux')('when no Secret Service is reachable', () => {
  it('explains what to install, and keeps the key nowhere else', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'reelbench-nokeychain-'));
    const previousHome = process.env['HOME'];
    process.env['HOME'] = home;
    try {
      const keys = createKeyStore({ loadKeytar, env: {}, service: 'Reelbench-test-unreachable', platform: 'linux' });
      const error = await keys.set('sk-nowhere-to-go-1234').catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        code: 'keychainUnavailable',
        message:
          'Reelbench keeps your API key only in the system keyring (Secret Service), and it could not be reached. The key was not saved anywhere else.',
        action: expect.stringContaining('sudo apt install gnome-keyring libsecret-1-0'),
      });
      // A read never claims that something was not saved.
      await expect(keys.status()).rejects.toMatchObject({
        code: 'keychainUnavailable',
        message:
          'Reelbench keeps your API key only in the system keyring (Secret Service), and it could not be reached.',
      });
      await expect(keys.read()).rejects.toMatchObject({ code: 'keychainUnavailable' });
      // No plaintext fallback: nothing was written under HOME.
      expect(await readdir(home)).toEqual([]);
    } finally {
      process.env['HOME'] = previousHome;
      await rm(home, { recursive: true, force: true });
    }
  });
});

describe('when keytar itself cannot load', () => {
  it.each(['linux', 'darwin', 'win32'] as const)(
    'says on %s that the module is missing, with the fix',
    async (platform) => {
      const keys = createKeyStore({
        loadKeytar: async () => {
          throw new Error('The module keytar.node was compiled against a different Node.js version');
        },
        env: {},
        platform,
      });
      const expected = {
        code: 'keychainModuleMissing',
        message: expect.stringContaining('keychain module (keytar) is missing'),
        action: expect.stringContaining('npm rebuild keytar'),
      };
      await expect(keys.status()).rejects.toMatchObject(expected);
      await expect(keys.set('sk-nowhere-to-go-1234')).rejects.toMatchObject(expected);
    },
  );

  it('tells the user to unlock a locked keychain', async () => {
    const keys = createKeyStore({
      loadKeytar: async () => ({
        getPassword: async () => null,
        setPassword: async () => {
          throw new Error('Cannot create an item in a locked collection');
        },
        deletePassword: async () => false,
      }),
      env: {},
      platform: 'linux',
    });
    await expect(keys.set('sk-locked-out-12345')).rejects.toMatchObject({
      message: expect.stringContaining('is locked'),
      action: expect.stringContaining('Unlock your keyring'),
    });
  });
});
