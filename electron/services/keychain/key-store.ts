import { AppError } from '../../../shared/errors';
import type { KeyStatus } from '../../../shared/models/key-status';
import { checkApiKey, keyHint } from '../../../shared/validation/api-key';
import { catalogText } from '../../../shared/i18n/error-text';
import type { Logger } from '../logging/logger';
import { keychainModuleMissing, keychainUnavailable, type KeychainOperation } from './keychain-error';

/** The part of keytar Reelbench uses. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** The API key in the OS keychain. `read` is for the API client only; nothing else ever gets the value. */
export interface KeyStore {
  status(): Promise<KeyStatus>;
  set(raw: string): Promise<KeyStatus>;
  clear(): Promise<KeyStatus>;
  read(): Promise<string | null>;
  /** Values the logger must redact: the keys this process has seen. */
  secretsForRedaction(): readonly string[];
}

/** Where the key store lives and what it may consult. */
export interface KeyStoreDeps {
  /** Loads keytar; a failure (native module missing or built for another runtime) becomes a readable error. */
  readonly loadKeytar: () => Promise<KeytarLike>;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  readonly service?: string;
  readonly account?: string;
  readonly logger?: Logger;
}

/** The variable that overrides the keychain, for the CLI and automation. */
export const API_KEY_ENV = 'REELBENCH_API_KEY';

/** Creates the key store. There is deliberately no fallback: if the keychain fails, the key is not stored. */
export function createKeyStore(deps: KeyStoreDeps): KeyStore {
  const service = deps.service ?? 'Reelbench';
  const account = deps.account ?? 'apimart';
  const platform = deps.platform ?? process.platform;
  const seen = new Set<string>();
  let keytar: Promise<KeytarLike> | undefined;

  const remember = (key: string | null) => {
    if (key) seen.add(key);
    return key;
  };

  async function loaded(): Promise<KeytarLike> {
    try {
      keytar ??= deps.loadKeytar();
      return await keytar;
    } catch (error) {
      keytar = undefined;
      deps.logger?.warn('keychain: keytar did not load', {
        cause: error instanceof Error ? error.message : String(error),
      });
      throw keychainModuleMissing();
    }
  }

  async function withKeychain<T>(kind: KeychainOperation, operation: (keychain: KeytarLike) => Promise<T>): Promise<T> {
    const keychain = await loaded();
    try {
      return await operation(keychain);
    } catch (error) {
      if (error instanceof AppError) throw error;
      const cause = error instanceof Error ? error.message : String(error);
      deps.logger?.warn('keychain: unavailable', { cause });
      throw keychainUnavailable(platform, cause, kind);
    }
  }

  function fromEnvironment(): string | null {
    const value = deps.env?.[API_KEY_ENV]?.trim();
    return value ? value : null;
  }

  async function status(): Promise<KeyStatus> {
    const overriding = remember(fromEnvironment());
    if (overriding) return { present: true, hint: keyHint(overriding), source: 'environment' };
    const stored = remember(await withKeychain('read', (keychain) => keychain.getPassword(service, account)));
    return stored
      ? { present: true, hint: keyHint(stored), source: 'keychain' }
      : { present: false, hint: null, source: null };
  }

  return {
    status,
    async set(raw) {
      const checked = checkApiKey(raw);
      if (!checked.ok) {
        const { problem } = checked;
        const { message, action, text } =
          problem.key === 'error.key.tooLong'
            ? catalogText(problem.key, problem.params)
            : catalogText(problem.key, problem.params);
        throw new AppError('invalidInput', message, action, text);
      }
      remember(checked.key);
      await withKeychain('write', (keychain) => keychain.setPassword(service, account, checked.key));
      return status();
    },
    async clear() {
      await withKeychain('delete', (keychain) => keychain.deletePassword(service, account));
      return status();
    },
    async read() {
      return remember(
        fromEnvironment() ?? (await withKeychain('read', (keychain) => keychain.getPassword(service, account))),
      );
    },
    secretsForRedaction: () => [...seen],
  };
}
