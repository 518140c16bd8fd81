// Runs before `npm start`, `npm run dev` and `npm run dist`: makes sure the Electron runtime is on this computer.
// Electron 45 no longer downloads it at install time but on first use, and electron-vite only looks for it (it
// fails with a bare "Electron uninstall" when it is missing). So the download is triggered here, with Electron's
// own installer, and a failure is explained in one paragraph instead of a stack trace.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { electronRuntimeState, downloadFailureParagraph, summarizeInstallerError } from './electron-runtime.js';

const projectRoot = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(projectRoot, 'package.json'));
const packageDir = path.dirname(require.resolve('electron/package.json'));
const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));

const state = electronRuntimeState({
  packageDir,
  version,
  env: process.env,
  platform: process.platform,
  exists: existsSync,
  read: (file) => readFileSync(file, 'utf8'),
});
if (state.kind === 'present') process.exit(0);
if (state.kind === 'badOverride') {
  console.error(
    `${state.variable} points at ${state.path}, which does not exist. Unset it, or point it at an Electron ${version} executable.`,
  );
  process.exit(1);
}
if (state.kind === 'useExecPath') {
  console.error(
    `npm start launches Electron through electron-vite, which reads ELECTRON_EXEC_PATH, not ELECTRON_OVERRIDE_DIST_PATH: run it with ELECTRON_EXEC_PATH="${state.path}" instead.`,
  );
  process.exit(1);
}

console.log(
  `Downloading the Electron runtime (${version}) that opens Reelbench's window. This happens once; it is about 100 MB.`,
);
const installer = spawn(process.execPath, [path.join(packageDir, 'install.js')], {
  stdio: ['ignore', 'inherit', 'pipe'],
  env: process.env,
});
let errorText = '';
installer.stderr.on('data', (chunk) => (errorText += chunk.toString()));
installer.on('close', async (code) => {
  if (code === 0) {
    console.log('Electron is ready.');
    return;
  }
  let cause = summarizeInstallerError(errorText);
  // The installer's fetch says only "fetch failed"; one request of our own names what went wrong.
  if (/fetch failed/i.test(cause))
    cause =
      (await unreachableCause(process.env.ELECTRON_MIRROR || 'https://github.com/electron/electron/releases/')) ??
      cause;
  console.error(downloadFailureParagraph(version, cause));
  process.exitCode = 1;
});

async function unreachableCause(address) {
  try {
    await fetch(address, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
    return null;
  } catch (error) {
    const code = error?.cause?.code ?? error?.cause?.message;
    return `${new URL(address).host} could not be reached${code ? ` (${code})` : ''}`;
  }
}
