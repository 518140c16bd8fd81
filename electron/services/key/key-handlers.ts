import type { ApimartClient } from '../apimart/apimart-client';
import type { DomainHandlers } from '../ipc/router';
import type { KeyStore } from '../keychain/key-store';

/** Handlers of the `key.*` domain: status, set, clear and test. None returns the key. */
export function createKeyHandlers(keyStore: KeyStore, client: () => ApimartClient): DomainHandlers<'key'> {
  return {
    'key.status': () => keyStore.status(),
    'key.set': ({ value }) => keyStore.set(value),
    'key.clear': () => keyStore.clear(),
    // GET /v1/balance costs nothing, so it is the right way to try a key.
    'key.test': () => client().getBalance(),
  };
}
