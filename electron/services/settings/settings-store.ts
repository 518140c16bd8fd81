import { constants } from 'node:fs';
import { copyFile, readFile, stat } from 'node:fs/promises';
import { writeFileAtomically } from '../system/atomic-file';
import {
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch,
  type SettingsProblem,
} from '../../../shared/models/settings';
import type { Logger } from '../logging/logger';
import { appError, catalogText, type CatalogText } from '../../../shared/i18n/error-text';

/** The user's settings in `settings.json`, kept apart from the key (which only the keychain holds). */
export interface SettingsStore {
  current(): Settings;
  update(patch: SettingsPatch): Promise<Settings>;
  /** Settings only the main process changes (the library folder, after a completed move). */
  updateInternal(patch: Partial<Settings>): Promise<Settings>;
  /** What was wrong with settings.json when it was read (kept fields, a backup), for the window and the CLI to say. */
  problems(): readonly SettingsProblem[];
  /** Hears of every saved change (the shell rebuilds its menus in a new language). */
  subscribe(listener: (settings: Settings) => void): () => void;
}

/**
 * Reads what can be read of a settings file that does not match the schema: every field that still parses is kept,
 * the others fall back to their defaults. Returns the settings and the names of the fields given up.
 */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  apiBaseUrl: 'API address',
  libraryDir: 'library folder',
  concurrency: 'jobs at once',
  prices: 'prices',
  language: 'language',
  theme: 'theme',
};

function salvage(raw: unknown): { settings: Settings; lost: string[] } {
  const fields = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const kept: Record<string, unknown> = {};
  const lost: string[] = [];
  for (const [name, schema] of Object.entries(settingsSchema.shape)) {
    if (!(name in fields)) continue;
    if (schema.safeParse(fields[name]).success) kept[name] = fields[name];
    else lost.push(FIELD_NAMES[name] ?? name);
  }
  return { settings: settingsSchema.parse(kept), lost };
}

// The app and `reelbench config set` share the file: a running app notices a change within a second, and every
// write starts from what is on disk, so neither undoes the other's change.
const RECHECK_MS = 1_000;

/** Loads settings; a missing or damaged file falls back to defaults (and is not overwritten until a change). */
export async function openSettingsStore(file: string, logger?: Logger): Promise<SettingsStore> {
  let settings = settingsSchema.parse({});
  let loadedVersion: number | null = null;
  let checkedAt = 0;
  const problems: SettingsProblem[] = [];

  /** Keeps a copy of a damaged file before anything overwrites it, and says what happened. */
  const setAside = async (why: CatalogText) => {
    const backup = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await copyFile(file, backup, constants.COPYFILE_EXCL).catch((error: unknown) => {
        if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
      });
      const kept = catalogText('settings.problem.copyKept', { backup });
      problems.push({ message: `${why.message} ${kept.message}`, text: why.text, moreText: kept.text });
    } catch (error) {
      problems.push({ message: why.message, text: why.text });
      logger?.warn('settings: could not keep a copy of the damaged file', { file, error });
    }
    logger?.warn('settings: damaged file', { file, why: why.message });
  };

  const reload = async () => {
    checkedAt = Date.now();
    let version: number;
    try {
      version = (await stat(file)).mtimeMs;
    } catch {
      return; // Not written yet: the defaults stand.
    }
    if (version === loadedVersion) return;
    loadedVersion = version;
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      // Truncated or not JSON at all: nothing can be kept, the defaults apply until the next save.
      await setAside(
        catalogText(error instanceof SyntaxError ? 'settings.problem.notJson' : 'settings.problem.readError', {}),
      );
      return;
    }
    const parsed = settingsSchema.safeParse(raw);
    if (parsed.success) {
      settings = parsed.data;
      return;
    }
    const salvaged = salvage(raw);
    settings = salvaged.settings;
    await setAside(catalogText('settings.problem.reset', { fields: salvaged.lost.join(', ') || 'unknown fields' }));
  };

  const listeners = new Set<(settings: Settings) => void>();
  /** A look at the file in the background, at most once a second: `current()` never waits on the disk. */
  let rechecking: Promise<void> | null = null;
  const recheck = () => {
    if (rechecking || Date.now() - checkedAt < RECHECK_MS) return;
    rechecking = reload()
      .catch((error: unknown) => logger?.warn('settings: could not read the file again', { file, error }))
      .finally(() => (rechecking = null));
  };

  const save = async (patch: Partial<Settings>) => {
    await rechecking;
    await reload();
    const next = settingsSchema.parse({ ...settings, ...patch });
    await writeFileAtomically(file, `${JSON.stringify(next, null, 2)}\n`);
    settings = next;
    loadedVersion = (await stat(file)).mtimeMs;
    for (const listener of [...listeners]) listener(next);
    return settings;
  };

  await reload();
  return {
    current: () => {
      recheck();
      return settings;
    },
    async update(patch) {
      const checked = settingsPatchSchema.safeParse(patch);
      if (!checked.success)
        throw appError('invalidInput', 'error.settings.invalid', {
          reason: checked.error.issues.map((issue) => issue.message).join(' '),
        });
      return save(checked.data);
    },
    updateInternal: save,
    problems: () => [...problems],
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
