import path from 'node:path';
import { build, type Rolldown } from 'vite';

let cached: Promise<string> | undefined;

/** Bundles page/page-bridge.ts (and the shared contract it uses) into one script for `page.addInitScript`. */
export function pageBridgeScript(): Promise<string> {
  cached ??= (async () => {
    const output = await build({
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        minify: false,
        lib: {
          entry: path.resolve(import.meta.dirname, 'page/page-bridge.ts'),
          formats: ['iife'],
          name: 'ReelbenchHarnessBridge',
        },
      },
    });
    const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
    const chunk = outputs.flatMap((entry) => entry.output).find((item) => item.type === 'chunk');
    if (!chunk || chunk.type !== 'chunk') throw new Error('Bundling the page bridge produced no script');
    return chunk.code;
  })();
  return cached;
}
