import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, requireBuild } from '../../support/build-output';
import { asar, ELECTRON_BUILDER_CLI } from '../../support/electron-builder-internals';

const root = path.resolve(import.meta.dirname, '../../..');
const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
let work: string;
let output: string;
let resources: string;
let entries: string[];

/**
 * Packages the built app for Linux (`--dir`: the unpacked app, no installer) with the real electron-builder and
 * the project's config. Electron's own files cannot be downloaded here, so a stand-in distribution takes their
 * place (`electronDist`); everything electron-builder decides — which files, which modules, what is unpacked —
 * is its own. Native modules are not rebuilt (no Electron headers offline), which changes no file selection.
 */
beforeAll(async () => {
  requireBuild();
  work = await mkdtemp(path.join(os.tmpdir(), 'reelbench-package-'));
  const electronDist = path.join(work, 'electron-dist');
  await mkdir(path.join(electronDist, 'resources'), { recursive: true });
  // A stand-in binary that carries Electron's fuse wire as Electron 45 ships it (sentinel, version 1, eight fuses:
  // run as node on, cookie encryption off, NODE_OPTIONS on, --inspect on, asar integrity off, only-asar off,
  // browser snapshot off, file:// privileges on), so electron-builder flips the fuses in it as in a real build.
  await writeFile(path.join(electronDist, 'electron'), `#!/bin/sh\n${FUSE_SENTINEL}\x01\x0810110001\n`);
  await chmod(path.join(electronDist, 'electron'), 0o755);
  output = path.join(work, 'dist');
  await promisify(execFile)(
    process.execPath,
    [
      ELECTRON_BUILDER_CLI,
      '--linux',
      'dir',
      '--x64',
      `-c.electronDist=${electronDist}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${output}`,
    ],
    { cwd: root, env: { ...process.env, CI: 'true' }, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
  );
  resources = path.join(output, 'linux-unpacked', 'resources');
  entries = asar
    .listPackage(path.join(resources, 'app.asar'), { isPack: false })
    .map((entry) => entry.split(path.sep).join('/'));
}, 200_000);
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const moduleNames = () =>
  new Set(
    entries
      .filter((entry) => entry.startsWith('/node_modules/'))
      .map((entry) =>
        entry
          .split('/')
          .slice(2, entry.split('/')[2]?.startsWith('@') ? 4 : 3)
          .join('/'),
      )
      .filter((name) => name && name !== '@img' && !name.endsWith('/')),
  );

describe.runIf(process.platform === 'linux' && process.arch === 'x64')(
  'the packaged app (electron-builder --dir, offline)',
  () => {
    it('holds the built main, preload and renderer, and package.json#main exists in it', () => {
      for (const file of [
        '/package.json',
        '/out/main/index.js',
        '/out/main/cli.js',
        '/out/preload/index.cjs',
        '/out/renderer/index.html',
      ]) {
        expect(entries).toContain(file);
      }
      expect(entries).toContain(`/${manifest.main}`);
      expect(path.relative(root, BUILT.main).split(path.sep).join('/')).toBe(manifest.main);
    });

    it('holds nothing from the tests, the sources, the benchmarks or the packaging scripts, and no source maps', () => {
      const ownFiles = entries.filter((entry) => entry !== '/node_modules' && !entry.startsWith('/node_modules/'));
      const topLevel = new Set(ownFiles.map((entry) => entry.split('/')[1]));
      expect([...topLevel].sort()).toEqual(['out', 'package.json']);
      expect(ownFiles.filter((entry) => /\.(ts|tsx|map|mp4)$/.test(entry))).toEqual([]);
      expect(
        entries.filter(
          (entry) => /(^|\/)(test|fixtures|fake-apimart)(\/|$)/.test(entry) && !entry.startsWith('/node_modules/'),
        ),
      ).toEqual([]);
    });

    it('carries every runtime dependency and none of the development ones', () => {
      const modules = moduleNames();
      for (const name of Object.keys(manifest.dependencies)) expect(modules, name).toContain(name);
      for (const name of Object.keys(manifest.devDependencies)) expect(modules, name).not.toContain(name);
    });

    it('flips the fuses in the packaged binary: no run-as-node, no NODE_OPTIONS or --inspect, only its own app.asar', async () => {
      const binary = await readFile(path.join(output, 'linux-unpacked', 'reelbench'));
      const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
      const wire = binary.subarray(at + 2, at + 2 + (binary[at + 1] ?? 0)).toString('latin1');
      // runAsNode, cookieEncryption, nodeOptions, nodeCliInspect, asarIntegrity, onlyLoadAppFromAsar,
      // browserV8Snapshot (left as shipped), grantFileProtocolExtraPrivileges.
      expect(wire).toBe('01001100');
    });

    it("unpacks sharp, this platform's libvips and keytar's native code from the archive", () => {
      const sharpBinary = entries.find((entry) =>
        /^\/node_modules\/@img\/sharp-linux-x64\/lib\/sharp-linux-x64.*\.node$/.test(entry),
      );
      expect(sharpBinary).toMatch(/\/sharp-linux-x64[^/]*\.node$/);
      const unpacked = [
        '/node_modules/sharp/package.json',
        sharpBinary ?? '',
        '/node_modules/keytar/build/Release/keytar.node',
      ];
      for (const file of unpacked) {
        expect(entries).toContain(file);
        expect(asar.statFile(path.join(resources, 'app.asar'), file.slice(1)).unpacked, file).toBe(true);
      }
      const libvips = entries.filter((entry) =>
        entry.startsWith('/node_modules/@img/sharp-libvips-linux-x64/lib/libvips-cpp'),
      );
      expect(libvips.length).toBeGreaterThan(0);
      for (const file of libvips)
        expect(asar.statFile(path.join(resources, 'app.asar'), file.slice(1)).unpacked, file).toBe(true);
    });
  },
);
