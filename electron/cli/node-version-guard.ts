/**
 * The oldest Node the built CLI runs on (`node:sqlite`, Electron 45's Node). Installing the project from source needs
 * 22.13 (package.json#engines: the lint tools), which is stricter.
 */
const MINIMUM_NODE = { major: 22, minor: 12 } as const;

/** The sentence to print when `version` (process.versions.node) is too old, or null when it will do. */
export function nodeVersionProblem(version: string): string | null {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10));
  if (major > MINIMUM_NODE.major || (major === MINIMUM_NODE.major && minor >= MINIMUM_NODE.minor)) return null;
  return `Reelbench needs Node ${MINIMUM_NODE.major}.${MINIMUM_NODE.minor} or newer (this is v${version}).`;
}
