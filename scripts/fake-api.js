// `npm run fake-api`: builds the fake APIMart into a folder of this run's own (so two at once, or a test beside a
// developer's, never empty each other's build) and runs it in this process. Building first lets any Node the project
// allows run it, whether or not it strips TypeScript's types.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const outDir = mkdtempSync(path.join(os.tmpdir(), 'reelbench-fake-api-'));
process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  // Bundled whole: the build's folder is outside the project, where its node_modules cannot be found.
  ssr: { noExternal: true },
  build: { ssr: path.join(root, 'test/fake-apimart/cli.ts'), outDir, emptyOutDir: false },
});
await import(pathToFileURL(path.join(outDir, 'cli.js')).href);
