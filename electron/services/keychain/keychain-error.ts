import { AppError } from '../../../shared/errors';

/** Per-platform advice for when the OS keychain cannot be used. */
function advice(platform: NodeJS.Platform, locked: boolean): string {
  if (platform === 'darwin') {
    return locked
      ? 'Unlock your login keychain (Keychain Access → File → Unlock Keychain "login"), then try again.'
      : 'Open Keychain Access and check that your login keychain exists and is unlocked, then try again.';
  }
  if (platform === 'win32')
    return 'Check that Windows Credential Manager is available for your account, then try again.';
  return locked
    ? 'Unlock your keyring (GNOME Keyring or KWallet), for example by logging out and back in, then try again.'
    : 'Install and start a Secret Service, such as GNOME Keyring or KWallet (Debian/Ubuntu: sudo apt install gnome-keyring libsecret-1-0), then log out and back in.';
}

/** What was being done with the keychain when it failed: only a failed write can say the key was not saved. */
export type KeychainOperation = 'read' | 'write' | 'delete';

const keychainName = (platform: NodeJS.Platform) =>
  platform === 'darwin'
    ? 'macOS Keychain'
    : platform === 'win32'
      ? 'Windows Credential Manager'
      : 'system keyring (Secret Service)';

/** The keychain is missing or locked: explained, with what to install or unlock. */
export function keychainUnavailable(
  platform: NodeJS.Platform,
  cause: string,
  operation: KeychainOperation = 'write',
): AppError {
  const locked = /locked|denied|cancel/i.test(cause);
  const state = locked ? 'is locked' : 'could not be reached';
  const outcome =
    operation === 'write'
      ? ' The key was not saved anywhere else.'
      : operation === 'delete'
        ? ' Nothing was removed.'
        : '';
  return new AppError(
    'keychainUnavailable',
    `Reelbench keeps your API key only in the ${keychainName(platform)}, and it ${state}.${outcome}`,
    advice(platform, locked),
  );
}

/** keytar, the native module that talks to the keychain, is missing or was built for another Node or Electron. */
export function keychainModuleMissing(): AppError {
  return new AppError(
    'keychainModuleMissing',
    "Reelbench's keychain module (keytar) is missing or was built for another version, so the API key cannot be read or saved.",
    'Run `npm rebuild keytar` in the Reelbench folder (or reinstall Reelbench), then start it again.',
  );
}
