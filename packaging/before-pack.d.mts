/** The part of electron-builder's `BeforePackContext` the hook reads. */
export interface BeforePackContext {
  readonly electronPlatformName: string;
  /** electron-builder's `Arch` enum value. */
  readonly arch: number;
  readonly packager: { readonly projectDir: string };
}

export function sharpPackagesFor(platform: string, arch: string): string[];
export function missingSharpPackages(projectDir: string, platform: string, arch: string): string[];
export function installCommandsFor(platform: string, arch: string): string[];
export default function beforePack(context: BeforePackContext): Promise<void>;
