import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors';
import type { KeyStatus } from '../../../shared/models/key-status';
import type { Settings, SettingsPatch } from '../../../shared/models/settings';
import { api, toErrorData, unwrap } from '../../lib/bridge';
import type { MessageKey } from '../../../shared/i18n/message-types';

/** What the last action said: a translated confirmation, or the main side's error. */
export type Notice =
  | { readonly kind: 'ok'; readonly key: MessageKey; readonly values?: Record<string, string | number> }
  | { readonly kind: 'error'; readonly error: AppErrorData };

/** Settings, the key's status (never the key) and the library's location, with the actions that change them. */
export interface SettingsStore {
  readonly settings: Settings | null;
  readonly keyStatus: KeyStatus | null;
  /** What was wrong with settings.json when it was read (fields reset to defaults, a copy kept). */
  readonly fileProblems: readonly string[];
  /** Why the key's status could not be read (the keychain, or its module), shown in the key section itself. */
  readonly keyProblem: AppErrorData | null;
  readonly location: { readonly path: string; readonly isDefault: boolean } | null;
  readonly notice: Notice | null;
  readonly busy: boolean;
  load(): Promise<void>;
  saveKey(value: string): Promise<boolean>;
  clearKey(): Promise<void>;
  testKey(): Promise<void>;
  update(patch: SettingsPatch): Promise<void>;
  moveLibrary(): Promise<void>;
}

/** The settings store. Every action reports its outcome as a notice rather than throwing at React. */
export const useSettingsStore = create<SettingsStore>()((set) => {
  async function attempt(work: () => Promise<Partial<SettingsStore> | void>): Promise<boolean> {
    set({ busy: true, notice: null });
    try {
      set({ ...(await work()), busy: false });
      return true;
    } catch (error) {
      set({ busy: false, notice: { kind: 'error', error: toErrorData(error) } });
      return false;
    }
  }
  return {
    settings: null,
    keyStatus: null,
    keyProblem: null,
    fileProblems: [],
    location: null,
    notice: null,
    busy: false,
    load: async () => {
      // Each independently: a keychain that cannot be reached must not keep the language or theme from loading.
      const [settings, keyStatus, location, fileProblems] = await Promise.allSettled([
        unwrap(api().settings.get()),
        unwrap(api().key.status()),
        unwrap(api().library.location()),
        unwrap(api().settings.problems()),
      ]);
      const failed = [settings, location].find((result) => result.status === 'rejected');
      set({
        ...(settings.status === 'fulfilled' ? { settings: settings.value } : {}),
        ...(keyStatus.status === 'fulfilled'
          ? { keyStatus: keyStatus.value, keyProblem: null }
          : { keyProblem: toErrorData(keyStatus.reason) }),
        ...(location.status === 'fulfilled' ? { location: location.value } : {}),
        ...(fileProblems.status === 'fulfilled' ? { fileProblems: fileProblems.value } : {}),
        notice: failed ? { kind: 'error', error: toErrorData(failed.reason) } : null,
      });
    },
    saveKey: (value) =>
      attempt(async () => ({
        keyStatus: await unwrap(api().key.set({ value })),
        keyProblem: null,
        notice: { kind: 'ok', key: 'settings.key.saved' },
      })),
    clearKey: async () => {
      await attempt(async () => ({
        keyStatus: await unwrap(api().key.clear()),
        keyProblem: null,
        notice: { kind: 'ok', key: 'settings.key.cleared' },
      }));
    },
    testKey: async () => {
      await attempt(async () => {
        const balance = await unwrap(api().key.test());
        return {
          notice:
            balance.remaining === null
              ? { kind: 'ok', key: 'settings.key.worksUnlimited' }
              : { kind: 'ok', key: 'settings.key.works', values: { balance: balance.remaining } },
        };
      });
    },
    update: async (patch) => {
      await attempt(async () => ({
        settings: await unwrap(api().settings.update(patch)),
        notice: { kind: 'ok', key: 'settings.saved' },
      }));
    },
    moveLibrary: async () => {
      await attempt(async () => {
        const report = await unwrap(api().library.move());
        if (report === null) return {};
        return {
          location: await unwrap(api().library.location()),
          notice: { kind: 'ok', key: 'settings.library.moved' },
        };
      });
    },
  };
});
