// Runs a command (the integration and e2e tests) with a real, throwaway keychain.
// On Linux: a private D-Bus session with an unlocked GNOME Keyring whose files live in a temporary folder, so the
// tests never touch a developer's own keyring. Elsewhere (macOS Keychain, Windows Credential Manager) the command
// runs as is; the tests use service names of their own and remove what they store.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: node scripts/with-test-keyring.js <command> [args...]');
  process.exit(2);
}

const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
const run = (file, args, env) => spawnSync(file, args, { stdio: 'inherit', env }).status ?? 1;

if (process.platform !== 'linux' || process.env.REELBENCH_TEST_KEYRING === 'system') {
  process.exit(run(command[0], command.slice(1), process.env));
}
if (!has('dbus-run-session') || !has('gnome-keyring-daemon')) {
  console.warn(
    'with-test-keyring: dbus-run-session or gnome-keyring-daemon is missing (Debian: apt install dbus gnome-keyring);',
  );
  console.warn('keychain tests will be skipped, or fail when CI=true.');
  process.exit(run(command[0], command.slice(1), process.env));
}

const home = mkdtempSync(path.join(os.tmpdir(), 'reelbench-keyring-'));
const runtime = path.join(home, 'run');
mkdirSync(runtime, { mode: 0o700 });
const env = {
  ...process.env,
  XDG_DATA_HOME: path.join(home, 'data'),
  XDG_RUNTIME_DIR: runtime,
  REELBENCH_TEST_KEYRING_PASSWORD: 'reelbench-test',
};
delete env.DBUS_SESSION_BUS_ADDRESS;
delete env.DISPLAY;

const script =
  'printf %s "$REELBENCH_TEST_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"';
const status = run('dbus-run-session', ['--', 'sh', '-c', script, 'sh', ...command], env);
// The keyring daemon outlives the session by a moment and may still write its files: remove the folder until it
// stays gone (a run nested in a test would otherwise leave it in that test run's temp folder).
for (let attempt = 0; attempt < 20 && existsSync(home); attempt += 1) {
  rmSync(home, { recursive: true, force: true, maxRetries: 3 });
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
}
process.exit(status);
