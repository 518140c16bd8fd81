import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port';

const root = path.resolve(import.meta.dirname, '../..');
let project: string;

/**
 * `npm start` exactly as a user types it, in a copy of the project: its own `out/` (the other tests read the
 * real one) and its own `node_modules/electron` without the runtime, whatever this machine has downloaded; every
 * other module is the real one, linked.
 */
beforeAll(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), 'reelbench-start-'));
  for (const entry of [
    'package.json',
    'electron.vite.config.ts',
    'tsconfig.json',
    'tsconfig.base.json',
    'tsconfig.node.json',
    'tsconfig.web.json',
    'scripts',
    'electron',
    'renderer',
    'shared',
  ]) {
    await cp(path.join(root, entry), path.join(project, entry), { recursive: true });
  }
  const modules = path.join(project, 'node_modules');
  await mkdir(modules);
  for (const entry of await readdir(path.join(root, 'node_modules'))) {
    if (entry !== 'electron') await symlink(path.join(root, 'node_modules', entry), path.join(modules, entry));
  }
  await cp(path.join(root, 'node_modules', 'electron'), path.join(modules, 'electron'), {
    recursive: true,
    filter: (source) => !/[\\/]electron[\\/](dist|path\.txt)/.test(path.relative(root, source)),
  });
}, 60_000);
afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

/** Runs `npm start` in the copy; resolves with how it ended. */
function npmStart(env: Record<string, string>): Promise<{ code: number; output: string }> {
  const npm = process.env['npm_execpath'];
  const [file, args] = npm ? [process.execPath, [npm, 'start']] : ['npm', ['start']];
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete merged['ELECTRON_SKIP_BINARY_DOWNLOAD'];
  return new Promise((resolve) => {
    execFile(file, args, { cwd: project, env: merged, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, output: `${stdout}\n${stderr}` });
    });
  });
}

describe('npm start', () => {
  it('without the Electron runtime and with no way to download it, says so in one plain paragraph', async () => {
    const cache = path.join(project, 'empty-electron-cache');
    const port = await freePort();
    const { code, output } = await npmStart({
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      electron_config_cache: cache,
      ELECTRON_EXEC_PATH: '',
    });
    expect(code).not.toBe(0);
    expect(output).toContain('Downloading the Electron runtime');
    expect(output).toContain(`Reelbench could not download the Electron runtime`);
    expect(output).toContain(`127.0.0.1:${port} could not be reached (ECONNREFUSED)`);
    expect(output).toContain('It is needed once');
    expect(output).toContain('ELECTRON_MIRROR=');
    expect(output).not.toContain('Electron uninstall');
    expect(output).not.toMatch(/\n\s+at /);
    // Stopped before building or launching anything.
    await expect(readdir(path.join(project, 'out'))).rejects.toThrow();
  }, 130_000);

  it('with a runtime present, goes on to build and launch it on the project', async () => {
    const standIn = path.join(project, 'stand-in', 'electron');
    const record = path.join(project, 'stand-in', 'launched.json');
    await mkdir(path.dirname(standIn), { recursive: true });
    await writeFile(
      standIn,
      `#!${process.execPath}\nprocess.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ cwd: process.cwd(), args: process.argv.slice(2) }));\n`,
    );
    await chmod(standIn, 0o755);
    const { code, output } = await npmStart({ ELECTRON_EXEC_PATH: standIn, ELECTRON_MIRROR: 'http://127.0.0.1:1/' });
    expect(output).not.toContain('Downloading');
    expect(code, output).toBe(0);
    const launched = JSON.parse(await readFile(record, 'utf8')) as { cwd: string; args: string[] };
    expect(launched.cwd).toBe(project);
    expect(launched.args[0]).toBe('.');
    await expect(readFile(path.join(project, 'out', 'main', 'index.js'), 'utf8')).resolves.toContain('BrowserWindow');
  }, 130_000);
});
