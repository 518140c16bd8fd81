import { createRequire } from 'node:module';

// electron-builder's own modules, resolved from electron-builder itself so the versions are the ones `npm run dist`
// uses. Only the few functions the packaging tests call are typed here.
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const requireFromLib = createRequire(requireFromBuilder.resolve('app-builder-lib/package.json'));

/** The parsed configuration; the tests read a few fields of it. */
export type BuilderConfig = Record<string, unknown>;

interface ConfigModule {
  getConfig(
    projectDir: string,
    configPath: string | null,
    configFromOptions: BuilderConfig | null,
  ): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: unknown): Promise<void>;
}
interface BuilderUtil {
  DebugLogger: new (isEnabled: boolean) => unknown;
}
interface AsarEntry {
  readonly unpacked?: boolean;
  readonly size?: number;
}
interface Asar {
  listPackage(archive: string, options: { isPack: boolean }): string[];
  statFile(archive: string, filename: string): AsarEntry;
}

const configModule = requireFromLib('./out/util/config/config') as ConfigModule;
const builderUtil = requireFromLib('builder-util') as BuilderUtil;

/** Loads a config file the way electron-builder does (extends, package.json metadata, defaults). */
export function loadBuilderConfig(projectDir: string, configFile: string): Promise<BuilderConfig> {
  return configModule.getConfig(projectDir, configFile, null);
}

/** electron-builder's own schema validation; rejects with its message. Runs offline. */
export function validateBuilderConfig(config: BuilderConfig): Promise<void> {
  return configModule.validateConfiguration(config, new builderUtil.DebugLogger(false));
}

/** The archive tool electron-builder packs app.asar with. */
export const asar = requireFromLib('@electron/asar') as Asar;

/** The electron-builder command line script. */
export const ELECTRON_BUILDER_CLI = requireFromBuilder.resolve('electron-builder/cli.js');
