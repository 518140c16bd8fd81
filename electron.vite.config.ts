import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { channelNames } from './shared/ipc/bridge-api';
import { contract } from './shared/ipc/contract';

/**
 * The dev server's React refresh needs an inline script and a websocket, which the strict CSP in index.html
 * forbids. Relax it for `npm run dev` only; built output keeps the policy exactly as written.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'reelbench:relax-csp-for-dev-server',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* http://localhost:*"),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve('out/main'),
      // Runtime `dependencies` (keytar and sharp are native) stay external and are loaded from node_modules.
      externalizeDeps: true,
      rollupOptions: {
        // The app's main process, and the `reelbench` CLI (plain Node, no Electron) sharing its services.
        input: { index: resolve('electron/main/index.ts'), cli: resolve('electron/cli/reelbench.ts') },
        output: { banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : '') },
      },
    },
  },
  preload: {
    // The preload needs only the channel names, read from the contract here at build time: its schemas (and zod)
    // stay out of the one file a sandboxed renderer loads; the main side validates every message anyway.
    define: { __REELBENCH_CHANNELS__: JSON.stringify(channelNames(contract)) },
    build: {
      outDir: resolve('out/preload'),
      // A sandboxed preload can only `require('electron')`: everything else must be bundled into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    plugins: [react(), relaxCspForDevServer()],
    build: {
      outDir: resolve('out/renderer'),
      minify: true,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
