import type { AppErrorData, ErrorCode } from '../../shared/errors';

// The services word their next steps for the window ("Add your key in Settings → API key"). From a terminal the
// same step is a command.
const CLI_ACTIONS: Partial<Record<ErrorCode, string>> = {
  noKey: 'Run `reelbench key set` and paste your APIMart key (or set REELBENCH_API_KEY).',
  auth: 'Check the key with `reelbench balance`; if it is wrong, create a new one in your APIMart dashboard and run `reelbench key set`.',
  libraryUnavailable: 'Check that the drive is connected, or point REELBENCH_LIBRARY_DIR at another folder.',
  unknownModel:
    'Choose another model with --model (`reelbench help` lists them); APIMart may have renamed or retired this one.',
  keychainModuleMissing:
    'Run `npm rebuild keytar` in the Reelbench folder (Linux: it needs libsecret-1-dev), or set REELBENCH_API_KEY instead.',
};

// Steps worded for a file picker.
const CLI_PHRASES: readonly (readonly [string, string])[] = [
  ['Pick the image again.', "Check the image's path."],
  ['Generate the shots first.', '`reelbench board generate ID` generates them.'],
];

// A terminal without a keyring is common (a server, SSH, a container): the key can come from the environment there.
const NO_KEYRING =
  'Where no keyring runs (a server, SSH, a container), set REELBENCH_API_KEY in the environment instead: the CLI then needs no keychain.';
const LINUX_KEYRING =
  'On a desktop, start or unlock a Secret Service such as GNOME Keyring or KWallet (logging in again usually does; if none is installed: sudo apt install gnome-keyring).';

/** An error as the CLI shows it: the same sentence, with a next step the terminal can carry out. */
export function forCli(error: AppErrorData): AppErrorData {
  if (error.code === 'keychainUnavailable') {
    const first = process.platform === 'linux' ? LINUX_KEYRING : (error.action ?? '');
    return { ...error, action: `${first} ${NO_KEYRING}`.trim() };
  }
  const action = CLI_ACTIONS[error.code] ?? CLI_PHRASES.find(([window]) => window === error.action)?.[1];
  return action ? { ...error, action } : error;
}
