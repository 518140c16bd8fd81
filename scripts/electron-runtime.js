// Pure helpers of ensure-electron.js, kept apart so the unit tests can read them without running a download.

/** Where Electron's installer puts the executable inside `dist/`, per platform (as electron/install.js does). */
export function platformExecutable(platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * Whether the runtime is present, decided the way Electron's installer and electron-vite decide it:
 * ELECTRON_EXEC_PATH (read by electron-vite) first, then ELECTRON_OVERRIDE_DIST_PATH, then the package's own
 * `dist/` with a matching `version` and `path.txt`.
 */
export function electronRuntimeState({ packageDir, version, env, platform, exists, read }) {
  const join = (...parts) => parts.join('/').replace(/\/+/g, '/');
  if (env.ELECTRON_EXEC_PATH) {
    return exists(env.ELECTRON_EXEC_PATH)
      ? { kind: 'present' }
      : { kind: 'badOverride', variable: 'ELECTRON_EXEC_PATH', path: env.ELECTRON_EXEC_PATH };
  }
  const executable = platformExecutable(platform);
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    // Electron's own loader reads this variable, electron-vite does not: point the user at the one it reads.
    return { kind: 'useExecPath', path: join(env.ELECTRON_OVERRIDE_DIST_PATH, executable) };
  }
  try {
    const installed = read(join(packageDir, 'dist', 'version'))
      .trim()
      .replace(/^v/, '');
    const pointer = read(join(packageDir, 'path.txt'));
    if (installed === version && pointer === executable && exists(join(packageDir, 'dist', executable)))
      return { kind: 'present' };
  } catch {
    // Not downloaded yet.
  }
  return { kind: 'missing' };
}

/** The installer prints a whole stack; keep its first line, which names the cause (refused, not found, proxy). */
export function summarizeInstallerError(text) {
  const line = text
    .split('\n')
    .map((entry) => entry.trim())
    .find((entry) => entry !== '' && !entry.startsWith('at '));
  return (line ?? 'the download did not complete').replace(/^(Error|RequestError|HTTPError):\s*/, '');
}

/** The one paragraph a user sees when the download fails. */
export function downloadFailureParagraph(version, cause) {
  return [
    '',
    `Reelbench could not download the Electron runtime (${version}) that opens its window: ${cause}.`,
    'It is needed once; after that `npm start` works offline. Check your internet connection and run `npm start` again.',
    'If GitHub is blocked where you are, download from a mirror instead, for example:',
    '  ELECTRON_MIRROR="https://npmmirror.com/mirrors/electron/" npm start',
    'Behind a proxy, set HTTPS_PROXY and ELECTRON_GET_USE_PROXY=1. The command-line tool needs no Electron:',
    '  npm run build && npm run cli -- help',
  ].join('\n');
}
