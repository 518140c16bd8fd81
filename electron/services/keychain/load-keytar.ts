import type { KeytarLike } from './key-store';

/** Loads the native keytar module on first use, so a broken install is reported when the key is needed. */
export async function loadKeytar(): Promise<KeytarLike> {
  const module = (await import('keytar')) as unknown as { default?: KeytarLike } & KeytarLike;
  return module.default ?? module;
}
