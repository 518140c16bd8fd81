import { readFile } from 'node:fs/promises';
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

/** Loads settings; a missing or damaged file falls back to defaults (and is not overwritten until a change). */
export async function openSettingsStore(file: string, logger?: Logger): Promise<SettingsStore> {
  let settings = settingsSchema.parse({});
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) settings = parsed.data;
    else logger?.warn('settings: file did not match the schema; using defaults', { file });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger?.warn('settings: unreadable; using defaults', { file, error });
  }

  const save = async (patch: Partial<Settings>) => {
    const next = settingsSchema.parse({ ...settings, ...patch });
    await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
    settings = next;
    return settings;
  };
  return {
    current: () => settings,
    async update(patch) {
      const checked = settingsPatchSchema.safeParse(patch);
      if (!checked.success) throw new AppError('invalidInput', checked.error.issues.map((issue) => issue.message).join(' '));
      return save(checked.data);
    },
    updateInternal: save,
  };
}
