import { AppError } from '../../../shared/errors';

/** Per-platform advice for when the OS keychain cannot be used. */
function advice(platform: NodeJS.Platform, locked: boolean): string {
  if (platform === 'darwin') {
    return locked
      ? 'Unlock your login keychain (Keychain Access → File → Unlock Keychain "login"), then try again.'
      : 'Open Keychain Access and check that your login keychain exists and is unlocked, then try again.';
  }
  if (platform === 'win32') return 'Check that Windows Credential Manager is available for your account, then try again.';
  return locked
    ? 'Unlock your keyring (GNOME Keyring or KWallet), for example by logging out and back in, then try again.'
    : 'Install and start a Secret Service, such as GNOME Keyring or KWallet (Debian/Ubuntu: sudo apt install gnome-keyring libsecret-1-0), then log out and back in.';
}

/** The keychain is missing, locked, or keytar could not load: explained, with what to install or unlock. */
export function keychainUnavailable(platform: NodeJS.Platform, cause: string): AppError {
  const locked = /locked|denied|cancel/i.test(cause);
  const what = platform === 'darwin' ? 'macOS Keychain' : platform === 'win32' ? 'Windows Credential Manager' : 'system keyring (Secret Service)';
  const state = locked ? 'is locked' : 'could not be reached';
  return new AppError(
    'keychainUnavailable',
    `Reelbench keeps your API key only in the ${what}, and it ${state}. The key was not saved anywhere else.`,
    advice(platform, locked),
  );
}
