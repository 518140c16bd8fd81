import { readFileSync, statSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { AppError } from '../../../shared/errors';
import { settingsPatchSchema, settingsSchema, type Settings, type SettingsPatch } from '../../../shared/models/settings';
import type { Logger } from '../logging/logger';

/** The user's settings in `settings.json`, kept apart from the key (which only the keychain holds). */
export interface SettingsStore {
  current(): Settings;
  update(patch: SettingsPatch): Promise<Settings>;
  /** Settings only the main process changes (the library folder, after a completed move). */
  updateInternal(patch: Partial<Settings>): Promise<Settings>;
}

// The app and `reelbench config set` share the file: a running app notices a change within a second, and every
// write starts from what is on disk, so neither undoes the other's change.
const RECHECK_MS = 1_000;

/** Loads settings; a missing or damaged file falls back to defaults (and is not overwritten until a change). */
export async function openSettingsStore(file: string, logger?: Logger): Promise<SettingsStore> {
  let settings = settingsSchema.parse({});
  let loadedVersion: number | null = null;
  let checkedAt = 0;

  const reload = (force: boolean) => {
    const now = Date.now();
    if (!force && now - checkedAt < RECHECK_MS) return;
    checkedAt = now;
    let version: number;
    try {
      version = statSync(file).mtimeMs;
    } catch {
      return; // Not written yet: the defaults stand.
    }
    if (version === loadedVersion) return;
    loadedVersion = version;
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) settings = parsed.data;
      else logger?.warn('settings: file did not match the schema; keeping the settings in use', { file });
    } catch (error) {
      logger?.warn('settings: unreadable; keeping the settings in use', { file, error });
    }
  };

  const save = async (patch: Partial<Settings>) => {
    reload(true);
    const next = settingsSchema.parse({ ...settings, ...patch });
    await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
    settings = next;
    loadedVersion = statSync(file).mtimeMs;
    return settings;
  };

  reload(true);
  return {
    current: () => {
      reload(false);
      return settings;
    },
    async update(patch) {
      const checked = settingsPatchSchema.safeParse(patch);
      if (!checked.success) throw new AppError('invalidInput', checked.error.issues.map((issue) => issue.message).join(' '));
      return save(checked.data);
    },
    updateInternal: save,
  };
}
