import { AppError } from '../../../shared/errors';
import { catalogText } from '../../../shared/i18n/error-text';

/** Per-platform advice for when the OS keychain cannot be used. */
function advice(platform: NodeJS.Platform, locked: boolean) {
  if (platform === 'darwin') return locked ? 'error.keychain.macLocked' : 'error.keychain.macMissing';
  if (platform === 'win32') return 'error.keychain.windows';
  return locked ? 'error.keychain.linuxLocked' : 'error.keychain.linuxMissing';
}

/** What was being done with the keychain when it failed: only a failed write can say the key was not saved. */
export type KeychainOperation = 'read' | 'write' | 'delete';

const keychainName = (platform: NodeJS.Platform): string =>
  platform === 'darwin'
    ? 'macOS Keychain'
    : platform === 'win32'
      ? 'Windows Credential Manager'
      : 'system keyring (Secret Service)';

const SENTENCES = {
  locked: { write: 'error.keychain.lockedWrite', delete: 'error.keychain.lockedDelete', read: 'error.keychain.locked' },
  unreachable: {
    write: 'error.keychain.unreachableWrite',
    delete: 'error.keychain.unreachableDelete',
    read: 'error.keychain.unreachable',
  },
} as const;

/** The keychain is missing or locked: explained, with what to install or unlock. */
export function keychainUnavailable(
  platform: NodeJS.Platform,
  cause: string,
  operation: KeychainOperation = 'write',
): AppError {
  const locked = /locked|denied|cancel/i.test(cause);
  const { message, text } = catalogText(SENTENCES[locked ? 'locked' : 'unreachable'][operation], {
    keychain: keychainName(platform),
  });
  const next = catalogText(advice(platform, locked), {});
  return new AppError('keychainUnavailable', message, next.message, text, next.text);
}

/** keytar, the native module that talks to the keychain, is missing or was built for another Node or Electron. */
export function keychainModuleMissing(): AppError {
  const { message, action, text } = catalogText('error.keychain.moduleMissing', {});
  return new AppError('keychainModuleMissing', message, action, text);
}
