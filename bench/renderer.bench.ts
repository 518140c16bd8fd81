// npm run bench (renderer part), on the built renderer (`npm run build` first):
// - the production bundle's JavaScript, gzipped (target ≤ 300 KB);
// - scrolling a library grid of 10,000 videos: long tasks over 50 ms seen by PerformanceObserver (target: none),
//   then, at rest, whether every card in view shows its poster (posters wait while the grid flies).
// `--scale 0.01` uses 100 videos.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { closeBrowser, launchApp } from '../test/e2e/harness/app-harness.ts';
import { BUILT } from '../test/support/build-output.ts';
import { generateLibrary } from '../test/support/generate-library.ts';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '1' } },
});
const items = Math.max(100, Math.round(10_000 * Number(values.scale)));

const assets = path.join(BUILT.rendererDir, 'assets');
const gzippedSize = async (name: string) => gzipSync(await readFile(path.join(assets, name))).length;
// What the window loads to start: the entry script and the chunks it imports statically (the HTML's module preloads).
const html = await readFile(path.join(BUILT.rendererDir, 'index.html'), 'utf8');
const atStart = new Set([...html.matchAll(/assets\/([^"']+\.js)/g)].map((match) => match[1] ?? ''));
const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
const startKb = (await Promise.all([...atStart].map(gzippedSize))).reduce((sum, size) => sum + size, 0) / 1024;
const lazyKb =
  (await Promise.all(scripts.filter((name) => !atStart.has(name)).map(gzippedSize))).reduce(
    (sum, size) => sum + size,
    0,
  ) / 1024;
console.log(
  `renderer bundle: ${startKb.toFixed(1)} KB of JavaScript gzipped at start (target ≤ 300 KB: ${startKb <= 300 ? 'ok' : 'ABOVE'}); ` +
    `${lazyKb.toFixed(1)} KB more loaded on demand (storyboards' frame decoding and encoding), ${(startKb + lazyKb).toFixed(1)} KB in all`,
);

const withPosters = process.env['REELBENCH_BENCH_NO_POSTERS'] !== '1';
const app = await launchApp({
  beforeOpen: (root) =>
    generateLibrary(root, items, withPosters ? path.join(root, '..', '..', 'data', 'cache', 'posters') : undefined),
});
try {
  const { page } = app;
  await page.getByTestId('nav-library').click();
  await page.getByTestId('library-card').first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  // Functions, not strings: the page's CSP refuses to evaluate strings.
  await page.evaluate(() => {
    const scope = globalThis as unknown as { __longTasks: number[]; PerformanceObserver: typeof PerformanceObserver };
    scope.__longTasks = [];
    new scope.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) scope.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask' } as unknown as Parameters<InstanceType<typeof PerformanceObserver>['observe']>[0]);
  });
  const frames = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const scope = globalThis as unknown as {
          document: {
            querySelector(selector: string): { scrollTop: number; scrollHeight: number; clientHeight: number } | null;
          };
          requestAnimationFrame(callback: () => void): void;
        };
        const grid = scope.document.querySelector('[data-testid="library-grid"]');
        if (!grid) return resolve(0);
        let count = 0;
        const step = () => {
          grid.scrollTop += 600;
          count += 1;
          if (grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 1 || count >= 400) resolve(count);
          else scope.requestAnimationFrame(step);
        };
        scope.requestAnimationFrame(step);
      }),
  );
  await page.waitForTimeout(300);
  const longTasks = await page.evaluate(() => (globalThis as unknown as { __longTasks: number[] }).__longTasks);
  const worst = longTasks.length === 0 ? 0 : Math.max(...longTasks);
  console.log(
    `library grid: ${items} videos, scrolled over ${frames} frames: ${longTasks.length} long task(s) over 50 ms, longest ${worst.toFixed(0)} ms (target: none: ${longTasks.length === 0 ? 'ok' : 'ABOVE'})`,
  );
  if (withPosters) {
    // Posters wait while the grid flies; once it rests, every card in view must show its poster.
    const settled = await page
      .waitForFunction(
        () => {
          const cards = [
            ...(
              globalThis as unknown as {
                document: {
                  querySelectorAll(
                    selector: string,
                  ): Iterable<{ querySelector(selector: string): { complete: boolean; naturalWidth: number } | null }>;
                };
              }
            ).document.querySelectorAll('[data-testid="library-card"]'),
          ];
          const shown = cards.filter((card) => {
            const image = card.querySelector('img');
            return image !== null && image.complete && image.naturalWidth > 0;
          }).length;
          return shown === cards.length && cards.length > 0 ? `${shown}` : false;
        },
        undefined,
        { timeout: 10_000 },
      )
      .then(
        (handle) => handle.jsonValue(),
        () => null,
      );
    console.log(
      settled === null
        ? 'library grid at rest: cards in view still without a poster after 10 s (BROKEN)'
        : `library grid at rest: ${settled} cards in view, all with their poster`,
    );
  }
} finally {
  await app.close();
  await closeBrowser();
}
