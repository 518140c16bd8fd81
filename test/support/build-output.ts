import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder `npm run build` writes to. */
export const OUT_DIR = path.resolve(import.meta.dirname, '../../out');

/** Paths of the three bundles. */
export const BUILT = {
  main: path.join(OUT_DIR, 'main', 'index.js'),
  preload: path.join(OUT_DIR, 'preload', 'index.cjs'),
  rendererDir: path.join(OUT_DIR, 'renderer'),
  rendererHtml: path.join(OUT_DIR, 'renderer', 'index.html'),
} as const;

/** Fails with the fix in the message when the build has not been run. */
export function requireBuild(): void {
  const missing = Object.values(BUILT).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `Built output is missing (${missing.join(', ')}). Run \`npm run build\` first; \`npm test\` does it for you.`,
    );
  }
}
