import os from 'node:os';
import path from 'node:path';

/** The environment variable that moves all of Reelbench's data (tests, portable setups). */
export const DATA_DIR_ENV = 'REELBENCH_DATA_DIR';

/**
 * The folder Electron's `app.getPath('userData')` gives the app, computed without Electron so the CLI shares the
 * app's settings and caches: ~/Library/Application Support/Reelbench, %APPDATA%\Reelbench, ~/.config/Reelbench.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = os.homedir(),
): string {
  const override = env[DATA_DIR_ENV];
  if (override) return path.resolve(override);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Reelbench');
  if (platform === 'win32') return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), 'Reelbench');
  return path.join(env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), 'Reelbench');
}

/** `XDG_VIDEOS_DIR="$HOME/Videos"` from ~/.config/user-dirs.dirs, expanded; null when absent. */
function xdgVideosDir(userDirs: string | null, home: string): string | null {
  const match = userDirs ? /^XDG_VIDEOS_DIR="(.*)"$/m.exec(userDirs) : null;
  return match?.[1] ? match[1].replace(/^\$HOME/, home) : null;
}

/**
 * The default library folder: the OS Videos folder + /Reelbench (what Electron's app.getPath('videos') gives, so
 * the CLI and the app agree). `userDirs` is the text of ~/.config/user-dirs.dirs on Linux, if any.
 */
export function defaultLibraryDir(
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
  userDirs: string | null = null,
): string {
  if (platform === 'darwin') return path.join(home, 'Movies', 'Reelbench');
  if (platform === 'win32') return path.join(home, 'Videos', 'Reelbench');
  return path.join(xdgVideosDir(userDirs, home) ?? path.join(home, 'Videos'), 'Reelbench');
}
