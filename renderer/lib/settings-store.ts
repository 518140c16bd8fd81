import { create } from 'zustand';
import type { AppErrorData } from '../../shared/errors';
import type { KeyStatus } from '../../shared/models/key-status';
import type { Usage } from '../../shared/jobs/job-models';
import type { Settings, SettingsPatch, SettingsProblem } from '../../shared/models/settings';
import { api, failureOf, unwrap } from './bridge';
import type { PlainMessageKey } from '../../shared/i18n/message-types';
import { useNoticesStore, type NoticeText } from './notices-store';

/** What an action says when it worked (its failure is said by `attempt`). */
const said = (text: NoticeText): void => void useNoticesStore.getState().notify({ text, testId: 'settings-notice' });
const ok = (key: PlainMessageKey): void => said({ key });

/** Settings, the key's status (never the key) and the library's location, with the actions that change them. */
export interface SettingsStore {
  readonly settings: Settings | null;
  readonly keyStatus: KeyStatus | null;
  /** What was wrong with settings.json when it was read (fields reset to defaults, a copy kept). */
  readonly fileProblems: readonly SettingsProblem[];
  /** Why the key's status could not be read (the keychain, or its module), shown in the key section itself. */
  readonly keyProblem: AppErrorData | null;
  readonly location: { readonly path: string; readonly isDefault: boolean } | null;
  readonly busy: boolean;
  /** What was spent today and this month: billed video seconds and chat tokens. Null until read. */
  readonly usage: Usage | null;
  loadUsage(): Promise<void>;
  /** What the last key action (save, remove, test) said, shown beside its buttons. */
  readonly keyResult: { readonly text: NoticeText; readonly failed: boolean } | null;
  load(): Promise<void>;
  saveKey(value: string): Promise<boolean>;
  clearKey(): Promise<void>;
  testKey(): Promise<void>;
  update(patch: SettingsPatch): Promise<void>;
  moveLibrary(): Promise<void>;
}

/** The settings store. Every action reports its outcome as a notice (a toast) rather than throwing at React. */
export const useSettingsStore = create<SettingsStore>()((set) => {
  /** A key action: its outcome (or its failure) is said beside the key's buttons, not in a toast far away. */
  async function keyAction(work: () => Promise<{ said: NoticeText } & Partial<SettingsStore>>): Promise<boolean> {
    set({ busy: true, keyResult: null });
    const failure = await failureOf(async () => {
      const { said: text, ...rest } = await work();
      set({ ...rest, keyResult: { text, failed: false } });
    });
    set({ busy: false, ...(failure ? { keyResult: { text: { error: failure }, failed: true } } : {}) });
    return failure === null;
  }
  async function attempt(work: () => Promise<Partial<SettingsStore> | void>): Promise<boolean> {
    set({ busy: true });
    try {
      set({ ...(await work()), busy: false });
      return true;
    } catch (error) {
      set({ busy: false });
      useNoticesStore.getState().fail(error, 'settings-notice');
      return false;
    }
  }
  return {
    settings: null,
    keyStatus: null,
    keyProblem: null,
    fileProblems: [],
    location: null,
    busy: false,
    usage: null,
    async loadUsage() {
      try {
        set({ usage: await unwrap(api().jobs.usage()) });
      } catch {
        // The ledger could not be read (the jobs store is being repaired): the section says nothing rather than wrong.
      }
    },
    keyResult: null,
    load: async () => {
      // Each independently: a keychain that cannot be reached must not keep the language or theme from loading.
      const keyRead = failureOf(async () => set({ keyStatus: await unwrap(api().key.status()) }));
      const [settings, location, fileProblems] = await Promise.allSettled([
        unwrap(api().settings.get()),
        unwrap(api().library.location()),
        unwrap(api().settings.problems()),
      ]);
      const failed = [settings, location].find((result) => result.status === 'rejected');
      set({
        keyProblem: await keyRead,
        ...(settings.status === 'fulfilled' ? { settings: settings.value } : {}),
        ...(location.status === 'fulfilled' ? { location: location.value } : {}),
        ...(fileProblems.status === 'fulfilled' ? { fileProblems: fileProblems.value } : {}),
      });
      if (failed) useNoticesStore.getState().fail(failed.reason, 'settings-notice');
    },
    saveKey: (value) =>
      keyAction(async () => {
        const keyStatus = await unwrap(api().key.set({ value }));
        return { keyStatus, keyProblem: null, said: { key: 'settings.key.saved' } };
      }),
    clearKey: async () => {
      await keyAction(async () => {
        const keyStatus = await unwrap(api().key.clear());
        return { keyStatus, keyProblem: null, said: { key: 'settings.key.cleared' } };
      });
    },
    testKey: async () => {
      await keyAction(async () => {
        const balance = await unwrap(api().key.test());
        return {
          said:
            balance.remaining === null
              ? { key: 'settings.key.worksUnlimited' }
              : { message: { key: 'settings.key.works', params: { balance: balance.remaining } } },
        };
      });
    },
    update: async (patch) => {
      await attempt(async () => {
        const settings = await unwrap(api().settings.update(patch));
        ok('settings.saved');
        return { settings };
      });
    },
    moveLibrary: async () => {
      await attempt(async () => {
        const report = await unwrap(api().library.move());
        if (report === null) return {};
        const location = await unwrap(api().library.location());
        ok('settings.library.moved');
        return { location };
      });
    },
  };
});
