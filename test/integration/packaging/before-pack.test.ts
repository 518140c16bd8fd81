import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import beforePack, { installCommandsFor, sharpPackagesFor } from '../../../packaging/before-pack.mjs';

const ARCH = { ia32: 0, x64: 1, armv7l: 2, arm64: 3, universal: 4 } as const;
let projectDir: string | undefined;
afterEach(async () => {
  if (projectDir) await rm(projectDir, { recursive: true, force: true });
});

async function projectWith(packages: string[]): Promise<string> {
  projectDir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-before-pack-'));
  for (const name of packages) {
    await mkdir(path.join(projectDir, 'node_modules', name), { recursive: true });
    await writeFile(path.join(projectDir, 'node_modules', name, 'package.json'), '{}');
  }
  return projectDir;
}

describe('the beforePack hook', () => {
  it("names sharp's packages per target: libvips apart except on Windows, both CPUs for a universal Mac", () => {
    expect(sharpPackagesFor('linux', 'x64')).toEqual(['@img/sharp-linux-x64', '@img/sharp-libvips-linux-x64']);
    expect(sharpPackagesFor('win32', 'arm64')).toEqual(['@img/sharp-win32-arm64']);
    expect(sharpPackagesFor('darwin', 'universal')).toEqual([
      '@img/sharp-darwin-arm64',
      '@img/sharp-libvips-darwin-arm64',
      '@img/sharp-darwin-x64',
      '@img/sharp-libvips-darwin-x64',
    ]);
  });

  it('lets a target through when its binaries are installed', async () => {
    const dir = await projectWith(['@img/sharp-darwin-x64', '@img/sharp-libvips-darwin-x64']);
    await expect(
      beforePack({ electronPlatformName: 'darwin', arch: ARCH.x64, packager: { projectDir: dir } }),
    ).resolves.toBeUndefined();
  });

  it('refuses a target whose binaries are missing, with the command that installs them', async () => {
    const dir = await projectWith(['@img/sharp-darwin-arm64', '@img/sharp-libvips-darwin-arm64']);
    const packing = beforePack({ electronPlatformName: 'darwin', arch: ARCH.x64, packager: { projectDir: dir } });
    await expect(packing).rejects.toThrow('@img/sharp-darwin-x64, @img/sharp-libvips-darwin-x64 are not installed');
    await expect(packing).rejects.toThrow('npm install --no-save --cpu=x64 --os=darwin sharp');
    expect(installCommandsFor('linux', 'arm64')).toEqual([
      'npm install --no-save --cpu=arm64 --os=linux --libc=glibc sharp',
    ]);
  });

  it('passes for this machine, whose own binaries npm installed', async () => {
    const platformArch = ARCH[process.arch as keyof typeof ARCH];
    await expect(
      beforePack({
        electronPlatformName: process.platform,
        arch: platformArch,
        packager: { projectDir: path.resolve(import.meta.dirname, '../../..') },
      }),
    ).resolves.toBeUndefined();
  });
});
