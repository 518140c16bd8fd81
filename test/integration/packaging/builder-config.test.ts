import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuilderConfig, validateBuilderConfig, type BuilderConfig } from '../../support/electron-builder-internals';

const root = path.resolve(import.meta.dirname, '../../..');
const load = () => loadBuilderConfig(root, 'electron-builder.yml');
const section = (config: BuilderConfig, key: string) => config[key] as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation, which does refuse a misspelt option", async () => {
    const config = await load();
    await expect(validateBuilderConfig(config)).resolves.toBeUndefined();
    await expect(
      validateBuilderConfig({ ...config, mac: { ...section(config, 'mac'), hardenedRuntme: true } }),
    ).rejects.toThrow(/does not match the API schema[\s\S]*configuration\.mac/);
  });

  it('names the app and builds dmg and zip for both Mac architectures, signed with the hardened runtime', async () => {
    const config = await load();
    expect(config).toMatchObject({
      appId: 'ai.reelbench.desktop',
      productName: 'Reelbench',
      artifactName: '${productName}-${version}-${arch}.${ext}',
    });
    const mac = section(config, 'mac');
    expect(mac).toMatchObject({
      category: 'public.app-category.video',
      hardenedRuntime: true,
      icon: 'build/icon.icns',
      notarize: true,
    });
    expect(mac['target']).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
    const entitlements = await readFile(path.join(root, String(mac['entitlements'])), 'utf8');
    expect(entitlements).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
    expect(mac['entitlementsInherit']).toBe(mac['entitlements']);
  });

  it('installs per user on Windows into a folder the user may choose', async () => {
    const config = await load();
    expect(section(config, 'win')).toMatchObject({
      icon: 'build/icon.ico',
      target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    });
    expect(section(config, 'nsis')).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
    });
  });

  it('builds an AppImage and a deb that depends on libsecret, with a desktop entry', async () => {
    const config = await load();
    const linux = section(config, 'linux');
    expect(linux).toMatchObject({ icon: 'build/icons', category: 'AudioVideo', executableName: 'reelbench' });
    expect((linux['target'] as { target: string }[]).map((entry) => entry.target)).toEqual(['AppImage', 'deb']);
    expect((linux['desktop'] as { entry: Record<string, string> }).entry).toMatchObject({
      Name: 'Reelbench',
      Categories: 'AudioVideo;Video;',
    });
    expect(section(config, 'deb')['depends']).toContain('libsecret-1-0');
  });

  it('packs only the build output and unpacks the native modules from the archive', async () => {
    const config = await load();
    expect(config['files']).toEqual([{ filter: ['out/**', 'package.json', '!**/*.map'] }]);
    expect(config['asarUnpack']).toEqual([
      '**/node_modules/sharp/**/*',
      '**/node_modules/@img/**/*',
      '**/node_modules/keytar/**/*',
      // The CLI's OS trash runs a helper program on macOS and Windows.
      '**/node_modules/trash/lib/macos-trash',
      '**/node_modules/trash/lib/windows-trash.exe',
    ]);
    expect(config['beforePack']).toBe('./packaging/before-pack.mjs');
  });

  it("turns off Electron's run-as-node, NODE_OPTIONS and --inspect fuses and loads only its own app.asar", async () => {
    const config = await load();
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
