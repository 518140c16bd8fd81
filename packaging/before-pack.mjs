// electron-builder `beforePack` hook: refuses to package an app whose image pipeline could not load on the target.
// sharp ships its native code as per-platform packages (@img/sharp-<os>-<arch>, and on macOS and Linux
// @img/sharp-libvips-<os>-<arch>); npm installs only the host's. Building for another platform or architecture
// (macOS x64 on an arm64 Mac, say) needs that target's packages first, as sharp's documentation describes.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** electron-builder's `Arch` enum, by value. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/**
 * The sharp packages a target needs.
 * @param {string} platform Node's name for the target OS (darwin, win32, linux)
 * @param {string} arch Node's name for the target CPU
 * @returns {string[]}
 */
export function sharpPackagesFor(platform, arch) {
  const arches = arch === 'universal' ? ['arm64', 'x64'] : [arch];
  return arches.flatMap((cpu) => [
    `@img/sharp-${platform}-${cpu}`,
    ...(platform === 'win32' ? [] : [`@img/sharp-libvips-${platform}-${cpu}`]),
  ]);
}

/**
 * The sharp packages missing from `projectDir` for a target.
 * @param {string} projectDir
 * @param {string} platform
 * @param {string} arch
 * @returns {string[]}
 */
export function missingSharpPackages(projectDir, platform, arch) {
  return sharpPackagesFor(platform, arch).filter(
    (name) => !existsSync(path.join(projectDir, 'node_modules', name, 'package.json')),
  );
}

/**
 * The commands sharp's documentation gives for installing a target's binaries beside the host's (npm 10+).
 * @param {string} platform
 * @param {string} arch
 * @returns {string[]}
 */
export function installCommandsFor(platform, arch) {
  const cpus = arch === 'universal' ? ['arm64', 'x64'] : [arch];
  const libc = platform === 'linux' ? ' --libc=glibc' : '';
  return cpus.map((cpu) => `npm install --no-save --cpu=${cpu} --os=${platform}${libc} sharp`);
}

/** @param {{ electronPlatformName: string, arch: number, packager: { projectDir: string } }} context */
export default async function beforePack(context) {
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const platform = context.electronPlatformName;
  const missing = missingSharpPackages(context.packager.projectDir, platform, arch);
  if (missing.length > 0) {
    throw new Error(
      `Reelbench needs sharp's binaries for ${platform}-${arch}, and ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed. ` +
        `Install them as sharp's documentation describes, then build again: ${installCommandsFor(platform, arch).join(' && ')}`,
    );
  }
}
